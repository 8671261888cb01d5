"""Every setting of the dashboard, declared once with its default and help text.

Why: pages, the command line and tests must agree on the database, the anonymity thresholds and
the languages. Values come from the environment (``BARO_*`` or ``DATABASE_URL``) and are passed on
as a frozen :class:`Settings`; invalid values stop start-up with a message naming the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "kumppanuusbaro.sqlite"
SUPPORTED_LANGUAGES = ("fi", "sv", "en")


class SettingsError(ValueError):
    """A setting has a value the dashboard refuses to start with."""


@dataclass(frozen=True)
class SettingSpec:
    """One configurable value: where it is read from, its default and why it exists."""

    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "database_url",
        "DATABASE_URL",
        f"sqlite:///{DEFAULT_DATABASE_PATH}",
        "SQLAlchemy URL of the survey store; PostgreSQL in deployments "
        "(postgresql+psycopg://user:pass@host/db).",
    ),
    SettingSpec(
        "min_group_size",
        "BARO_MIN_GROUP_SIZE",
        "5",
        "k for numbers: no group with fewer respondents (answering base) is shown. At least 3.",
    ),
    SettingSpec(
        "min_quote_group_size",
        "BARO_MIN_QUOTE_GROUP_SIZE",
        "10",
        "k for open-answer quotes; must not be below the number threshold.",
    ),
    SettingSpec(
        "default_language",
        "BARO_DEFAULT_LANGUAGE",
        "fi",
        "UI language when the URL has no ?lang= (fi, sv or en).",
    ),
    SettingSpec(
        "feedback_contact",
        "BARO_FEEDBACK_CONTACT",
        "",
        "Where readers send accessibility feedback (an email address or a form's URL), shown in the "
        "accessibility statement; empty: the statement says the ministry adds it before publication.",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Validated settings, passed as values into the packages that need them."""

    database_url: str
    min_group_size: int
    min_quote_group_size: int
    default_language: str
    feedback_contact: str = ""


def _parse_int(spec: SettingSpec, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{spec.env}={raw!r} is not a whole number ({spec.help})") from None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read settings from ``environ`` (default: the process environment) and validate them."""
    env = os.environ if environ is None else environ
    raw = {spec.name: env.get(spec.env, spec.default) for spec in SETTINGS}
    specs = {spec.name: spec for spec in SETTINGS}
    k = _parse_int(specs["min_group_size"], raw["min_group_size"])
    quote_k = _parse_int(specs["min_quote_group_size"], raw["min_quote_group_size"])
    if k < 3:
        raise SettingsError(f"BARO_MIN_GROUP_SIZE={k} is below 3: groups that small identify people.")
    if quote_k < k:
        raise SettingsError(
            f"BARO_MIN_QUOTE_GROUP_SIZE={quote_k} is below BARO_MIN_GROUP_SIZE={k}: "
            "quotes need at least the threshold of numbers."
        )
    language = raw["default_language"]
    if language not in SUPPORTED_LANGUAGES:
        raise SettingsError(
            f"BARO_DEFAULT_LANGUAGE={language!r} is not one of {', '.join(SUPPORTED_LANGUAGES)}."
        )
    return Settings(
        database_url=raw["database_url"],
        min_group_size=k,
        min_quote_group_size=quote_k,
        default_language=language,
        feedback_contact=raw["feedback_contact"].strip(),
    )
