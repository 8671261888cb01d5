"""The UI text catalogue: complete in fi, sv and en, and covering every key the code uses.

Keys are found by parsing app.py, pages/ and ui/ with ``ast``: every call of ``t(...)`` or
``translate(...)`` whose first argument is a string literal uses that key; an f-string first
argument (``t(f"dimension.{code}")``) uses a family of keys named by its literal prefix.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
import yaml

from analysis import DIMENSIONS
from config.settings import SUPPORTED_LANGUAGES
from ui.i18n import (
    CATALOGUE_PATH,
    MissingTranslationError,
    load_catalogue,
    parse_catalogue,
    translate,
    translator,
)

ROOT = Path(__file__).resolve().parents[2]
TRANSLATING_CALLS = {"t", "translate"}


def _sources() -> list[Path]:
    return [
        ROOT / "app.py",
        *sorted((ROOT / "pages").glob("*.py")),
        *sorted((ROOT / "ui").rglob("*.py")),
    ]


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def used_keys(source: str) -> tuple[set[str], set[str]]:
    """(literal keys, prefixes of f-string keys) used by ``t``/``translate`` calls in ``source``."""
    literal: set[str] = set()
    prefixes: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _called_name(node) not in TRANSLATING_CALLS:
            continue
        if not node.args:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            literal.add(first.value)
        elif isinstance(first, ast.JoinedStr):
            head = first.values[0] if first.values else None
            prefix = head.value if isinstance(head, ast.Constant) else ""
            assert isinstance(prefix, str) and prefix, (
                "a computed key must start with a literal prefix, e.g. t(f'dimension.{code}')"
            )
            prefixes.add(prefix)
    return literal, prefixes


def _all_used() -> tuple[dict[str, list[str]], set[str]]:
    literal: dict[str, list[str]] = {}
    prefixes: set[str] = set()
    for path in _sources():
        keys, pre = used_keys(path.read_text(encoding="utf-8"))
        for key in keys:
            literal.setdefault(key, []).append(str(path.relative_to(ROOT)))
        prefixes |= pre
    return literal, prefixes


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scanner_finds_literal_and_computed_keys() -> None:
    source = 't("a.b")\nui.translate("c.d", "fi")\nt(f"dim.{x}")\nprint("not.a.key")\n'
    assert used_keys(source) == ({"a.b", "c.d"}, {"dim."})


def test_the_code_uses_the_catalogue() -> None:
    literal, prefixes = _all_used()
    assert len(literal) >= 20, sorted(literal)
    assert {"dimension.", "chart.composition_title.", "language.name."} <= prefixes


def test_every_key_has_a_nonempty_text_in_every_language() -> None:
    raw = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    problems = [
        f"{key}: {language}"
        for key, texts in raw.items()
        for language in SUPPORTED_LANGUAGES
        if not isinstance(texts, dict) or not str(texts.get(language) or "").strip()
    ]
    assert problems == []
    assert set(load_catalogue()) == set(raw)


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"a.b": {"fi": "x", "sv": "y"}}, "missing or empty en"),
        ({"a.b": {"fi": "x", "sv": " ", "en": "z"}}, "missing or empty sv"),
        ({"a.b": {"fi": "x", "sv": "y", "en": "z", "de": "w"}}, "unknown language"),
        ({"a.b": "just text"}, "expected a mapping"),
    ],
)
def test_a_broken_catalogue_is_refused_naming_the_key(document: object, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as caught:
        parse_catalogue(document)
    assert "'a.b'" in str(caught.value)


def test_placeholders_agree_across_languages() -> None:
    differing = {
        key: {language: sorted(_placeholders(text)) for language, text in texts.items()}
        for key, texts in load_catalogue().items()
        if len({frozenset(_placeholders(text)) for text in texts.values()}) > 1
    }
    assert differing == {}


def test_every_key_used_in_app_pages_and_ui_exists() -> None:
    literal, prefixes = _all_used()
    catalogue = load_catalogue()
    missing = {key: where for key, where in literal.items() if key not in catalogue}
    assert missing == {}
    families_without_keys = sorted(p for p in prefixes if not any(k.startswith(p) for k in catalogue))
    assert families_without_keys == []


def test_computed_key_families_cover_every_member() -> None:
    catalogue = load_catalogue()
    expected = [
        *(f"dimension.{d}" for d in DIMENSIONS),
        *(f"chart.composition_title.{d}" for d in DIMENSIONS),
        *(f"language.name.{code}" for code in SUPPORTED_LANGUAGES),
    ]
    assert [key for key in expected if key not in catalogue] == []


def test_no_key_is_left_unused() -> None:
    literal, prefixes = _all_used()
    unused = sorted(
        key
        for key in load_catalogue()
        if key not in literal and not any(key.startswith(p) for p in prefixes)
    )
    assert unused == []


def test_translate_fills_placeholders_and_raises_on_gaps_in_tests() -> None:
    assert translate("overview.respondents_in_wave", "sv", wave=2023) == "Svarande 2023"
    assert translator("en")("nav.overview") == "Overview"
    assert translator("fi")("nav.overview") == "Yleiskuva"
    with pytest.raises(MissingTranslationError, match="no.such.key"):
        translate("no.such.key", "fi")
    with pytest.raises(MissingTranslationError, match="'de'"):
        translate("nav.overview", "de")
    with pytest.raises(MissingTranslationError, match="placeholder"):
        translate("overview.respondents_in_wave", "fi", year=2023)


def test_outside_tests_a_missing_key_shows_in_brackets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    monkeypatch.delenv("BARO_STRICT_I18N", raising=False)
    assert translate("no.such.key", "fi") == "[no.such.key]"
    monkeypatch.setenv("BARO_STRICT_I18N", "1")
    with pytest.raises(MissingTranslationError):
        translate("no.such.key", "fi")
