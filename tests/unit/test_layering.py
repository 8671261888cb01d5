"""The import direction of the layers, checked by parsing every module with ``ast``.

Why a test besides ruff's banned-api rule: page scripts are not a package, so import-graph tools
miss them, and the anonymity package's allow-list (stdlib, pandas, numpy, scipy) is not a ban
list ruff can express.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_PACKAGES = (
    "data_access", "anonymity", "analysis", "themes", "charts", "codebook", "config", "baro",
    "importer", "results",
)
#: threadpoolctl only caps the BLAS threads numpy and scipy use (the gate runs single-threaded
#: linear algebra); it does no I/O and is counted with the numerics.
ANONYMITY_ALLOWED = {"pandas", "numpy", "scipy", "threadpoolctl", "anonymity"}


@dataclass(frozen=True)
class Rule:
    """Modules under ``scope`` must not import any top-level name in ``forbidden``."""

    name: str
    scope: tuple[str, ...]
    forbidden: frozenset[str]


RULES = (
    Rule("streamlit only in app.py, ui/ and pages/", PURE_PACKAGES, frozenset({"streamlit"})),
    Rule("pages never touch the store", ("pages",), frozenset({"sqlalchemy", "data_access"})),
    Rule("analysis, themes and charts never touch the store",
         ("analysis", "themes", "charts"), frozenset({"sqlalchemy"})),
    Rule("nothing imports the page scripts",
         (*PURE_PACKAGES, "ui", "pages", "app.py"), frozenset({"pages"})),
)


def imported_roots(source: str, own_package: str | None = None) -> set[str]:
    """Top-level names a module imports; a relative import counts as its own package."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                roots.add(own_package or ".")
            elif node.module:
                roots.add(node.module.split(".")[0])
    return roots


def modules_in(scope: str) -> list[Path]:
    """The .py files of a package (recursively), of ``pages/`` or the single file ``app.py``."""
    path = ROOT / scope
    if path.is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(path.rglob("*.py"))


def violations(rule: Rule) -> list[str]:
    found = []
    for scope in rule.scope:
        for module in modules_in(scope):
            roots = imported_roots(module.read_text(encoding="utf-8"), scope)
            for bad in sorted(roots & rule.forbidden):
                found.append(f"{module.relative_to(ROOT)} imports {bad} ({rule.name})")
    return found


def anonymity_violations(files: Iterable[Path]) -> list[str]:
    allowed = ANONYMITY_ALLOWED | set(sys.stdlib_module_names) | {"__future__"}
    found = []
    for module in files:
        roots = imported_roots(module.read_text(encoding="utf-8"), "anonymity")
        for bad in sorted(roots - allowed):
            found.append(f"{module.relative_to(ROOT)} imports {bad} (anonymity: stdlib, pandas, "
                         "numpy and scipy only)")
    return found


def test_the_checked_tree_is_not_empty() -> None:
    """Guards the globbing: a typo in a path must not turn every rule into a pass."""
    for package in ("codebook", "config", "data_access", "baro"):
        assert modules_in(package), package
    assert ROOT / "data_access" / "queries.py" in modules_in("data_access")


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_layering_rule(rule: Rule) -> None:
    assert violations(rule) == []


def test_anonymity_imports_only_stdlib_and_numerics() -> None:
    assert anonymity_violations(modules_in("anonymity")) == []


def test_pages_folder_is_not_a_package() -> None:
    """With st.navigation the page scripts stay plain files (no auto-discovery, no package)."""
    assert not (ROOT / "pages" / "__init__.py").exists()


@pytest.mark.parametrize(
    ("source", "package", "expected"),
    [
        ("import streamlit as st", None, {"streamlit"}),
        ("from sqlalchemy.orm import Session", None, {"sqlalchemy"}),
        ("import os.path, data_access.queries", None, {"os", "data_access"}),
        ("from . import _suppression", "anonymity", {"anonymity"}),
        ("from ..ui import x", "pages", {"pages"}),
        ("def f():\n    import streamlit\n", None, {"streamlit"}),
        ("if TYPE_CHECKING:\n    from sqlalchemy import Engine\n", None, {"sqlalchemy"}),
    ],
)
def test_import_parser_sees_every_form(source: str, package: str | None,
                                       expected: set[str]) -> None:
    assert imported_roots(source, package) == expected


def test_checker_reports_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules can fail: a fake tree with a page importing sqlalchemy is caught."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "overview.py").write_text("import sqlalchemy\nimport ui\n")
    (tmp_path / "anonymity").mkdir()
    (tmp_path / "anonymity" / "gate.py").write_text("import json\nimport requests\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert violations(RULES[1]) == [
        "pages/overview.py imports sqlalchemy (pages never touch the store)"
    ]
    assert anonymity_violations(modules_in("anonymity")) == [
        "anonymity/gate.py imports requests (anonymity: stdlib, pandas, numpy and scipy only)"
    ]
