"""Settings: defaults, and the values the dashboard refuses to start with."""

from __future__ import annotations

import re

import pytest

from config import SETTINGS, SettingsError, load_settings
from config.settings import DEFAULT_DATABASE_PATH, PROJECT_ROOT


def test_defaults() -> None:
    settings = load_settings({})
    assert settings.database_url == f"sqlite:///{DEFAULT_DATABASE_PATH}"
    assert DEFAULT_DATABASE_PATH.name == "kumppanuusbaro.sqlite"
    assert DEFAULT_DATABASE_PATH.parent.name == "data"
    assert settings.min_group_size == 5
    assert settings.min_quote_group_size == 10
    assert settings.default_language == "fi"


def test_every_setting_has_an_env_variable_and_help() -> None:
    envs = [spec.env for spec in SETTINGS]
    assert envs == [
        "DATABASE_URL", "BARO_MIN_GROUP_SIZE", "BARO_MIN_QUOTE_GROUP_SIZE", "BARO_DEFAULT_LANGUAGE",
        "BARO_FEEDBACK_CONTACT",
    ]
    assert all(len(spec.help) > 20 for spec in SETTINGS)


@pytest.mark.parametrize(
    ("environ", "field", "expected"),
    [
        ({"DATABASE_URL": "postgresql+psycopg://u@h/db"}, "database_url",
         "postgresql+psycopg://u@h/db"),
        ({"BARO_MIN_GROUP_SIZE": "3"}, "min_group_size", 3),
        ({"BARO_MIN_GROUP_SIZE": "7", "BARO_MIN_QUOTE_GROUP_SIZE": "7"}, "min_quote_group_size", 7),
        ({"BARO_MIN_QUOTE_GROUP_SIZE": "25"}, "min_quote_group_size", 25),
        ({"BARO_DEFAULT_LANGUAGE": "sv"}, "default_language", "sv"),
        ({"BARO_DEFAULT_LANGUAGE": "en"}, "default_language", "en"),
    ],
)
def test_accepted_values(environ: dict[str, str], field: str, expected: object) -> None:
    assert getattr(load_settings(environ), field) == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"BARO_MIN_GROUP_SIZE": "2"}, "BARO_MIN_GROUP_SIZE=2 is below 3"),
        ({"BARO_MIN_GROUP_SIZE": "0"}, "BARO_MIN_GROUP_SIZE=0 is below 3"),
        ({"BARO_MIN_GROUP_SIZE": "-5"}, "BARO_MIN_GROUP_SIZE=-5 is below 3"),
        ({"BARO_MIN_GROUP_SIZE": "five"}, "BARO_MIN_GROUP_SIZE='five' is not a whole number"),
        ({"BARO_MIN_QUOTE_GROUP_SIZE": "4"}, "BARO_MIN_QUOTE_GROUP_SIZE=4 is below"),
        ({"BARO_MIN_GROUP_SIZE": "12"}, "BARO_MIN_QUOTE_GROUP_SIZE=10 is below"),
        ({"BARO_MIN_QUOTE_GROUP_SIZE": "1.5"}, "is not a whole number"),
        ({"BARO_DEFAULT_LANGUAGE": "de"}, "BARO_DEFAULT_LANGUAGE='de' is not one of fi, sv, en"),
        ({"BARO_DEFAULT_LANGUAGE": "FI"}, "BARO_DEFAULT_LANGUAGE='FI'"),
    ],
)
def test_refused_values(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        load_settings(environ)


def test_process_environment_is_the_default_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BARO_DEFAULT_LANGUAGE", "sv")
    monkeypatch.setenv("BARO_MIN_GROUP_SIZE", "6")
    settings = load_settings()
    assert (settings.default_language, settings.min_group_size) == ("sv", 6)


def test_readme_documents_every_setting() -> None:
    """The README's configuration table names every variable and its default."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for spec in SETTINGS:
        assert f"| `{spec.env}` |" in readme, spec.env
        if spec.env != "DATABASE_URL":
            default = f"`{spec.default}`" if spec.default else "(empty)"
            assert f"| `{spec.env}` | {default} |" in readme, spec.env
