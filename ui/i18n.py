"""The UI text catalogue (``assets/i18n.yaml``): load it once, look texts up by key and language.

Why one catalogue: every page, widget and chart title speaks fi, sv and en, and a single file lets
a test prove that no key lacks a language. This module is plain Python (no Streamlit), so chart
titles and tests can use it too.

A missing key or placeholder raises :class:`MissingTranslationError` under tests (pytest sets
``PYTEST_CURRENT_TEST``) or when ``BARO_STRICT_I18N=1``; in production the page shows the key in
brackets instead of failing, and the gap is logged.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from config.settings import PROJECT_ROOT, SUPPORTED_LANGUAGES

CATALOGUE_PATH = PROJECT_ROOT / "assets" / "i18n.yaml"

Catalogue = Mapping[str, Mapping[str, str]]
Translator = Callable[..., str]

_LOG = logging.getLogger(__name__)


class MissingTranslationError(KeyError):
    """A key, a language or a placeholder value is missing from the catalogue lookup."""


def parse_catalogue(data: Any, source: str = "catalogue") -> dict[str, dict[str, str]]:
    """Validate a parsed catalogue document: every key maps to a non-empty text per language.

    Raises ``ValueError`` listing every problem, so a broken file is fixed in one round.
    """
    if not isinstance(data, dict):
        raise ValueError(f"{source}: the document must be a mapping of key -> {{fi, sv, en}}")
    problems: list[str] = []
    catalogue: dict[str, dict[str, str]] = {}
    for key, texts in data.items():
        if not isinstance(texts, dict):
            problems.append(f"{key!r}: expected a mapping of fi/sv/en, got {texts!r}")
            continue
        entry: dict[str, str] = {}
        for language in SUPPORTED_LANGUAGES:
            text = texts.get(language)
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{key!r}: missing or empty {language} text")
            else:
                entry[language] = text
        extra = sorted(set(texts) - set(SUPPORTED_LANGUAGES))
        if extra:
            problems.append(f"{key!r}: unknown language(s) {extra}")
        catalogue[str(key)] = entry
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise ValueError(f"{source}: {len(problems)} problem(s):\n{listed}")
    return catalogue


@lru_cache(maxsize=4)
def load_catalogue(path: Path = CATALOGUE_PATH) -> Mapping[str, Mapping[str, str]]:
    """Read and validate the catalogue once per process (the file does not change at run time)."""
    with path.open(encoding="utf-8") as handle:
        return parse_catalogue(yaml.safe_load(handle), str(path))


def is_strict() -> bool:
    """Whether gaps in the catalogue raise (tests, ``BARO_STRICT_I18N=1``) or degrade visibly."""
    return os.environ.get("BARO_STRICT_I18N") == "1" or "PYTEST_CURRENT_TEST" in os.environ


def translate(key: str, language: str, /, **format_args: object) -> str:
    """The text of ``key`` in ``language``, with ``{placeholders}`` filled from ``format_args``."""
    catalogue = load_catalogue()
    try:
        text = catalogue[key][language]
    except KeyError:
        message = f"no {language!r} text for key {key!r} in {CATALOGUE_PATH.name}"
        if is_strict():
            raise MissingTranslationError(message) from None
        _LOG.warning(message)
        return f"[{key}]"
    if not format_args:
        return text
    try:
        return text.format(**format_args)
    except (KeyError, IndexError) as exc:
        message = f"key {key!r} ({language}) needs placeholder {exc}"
        if is_strict():
            raise MissingTranslationError(message) from None
        _LOG.warning(message)
        return text


def translator(language: str) -> Translator:
    """A ``t(key, **format_args)`` bound to ``language``: what pages call for every text."""

    def t(key: str, /, **format_args: object) -> str:
        return translate(key, language, **format_args)

    return t
