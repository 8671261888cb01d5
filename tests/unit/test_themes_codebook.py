"""The theme codebook: required themes, complete translations and rules, validation messages."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from codebook import load_codebook
from themes import DEFAULT_THEMES, ThemeCodebookError, load_theme_codebook, parse_theme_codebook

REQUIRED = {
    "open_benefits": {
        "new_partners_contacts", "third_sector_authority_cooperation", "information_exchange",
        "competence_training", "good_practices", "influence_participation",
    },
    "open_development": {
        "immigrant_participation", "programme_information", "dialogue_with_authorities",
        "resources_funding", "rooting_good_practices", "co_development_networks",
        "regional_coordination",
    },
}


def _raw() -> dict[str, Any]:
    with open(DEFAULT_THEMES, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


def test_required_theme_ids_exist() -> None:
    codebook = load_theme_codebook()
    for question_id, theme_ids in REQUIRED.items():
        assert theme_ids <= set(codebook.question(question_id).theme_ids)


def test_every_open_question_of_the_questionnaire_has_themes() -> None:
    open_questions = {q.id for q in load_codebook().questions if q.type == "open"}
    codebook = load_theme_codebook()
    assert open_questions == set(codebook.questions)
    for question_id in ("open_participation", "open_comments"):
        assert len(codebook.question(question_id).themes) >= 3


def test_every_theme_has_labels_descriptions_and_rules_in_three_languages() -> None:
    codebook = load_theme_codebook()
    assert codebook.version
    for question in codebook.questions.values():
        for theme in question.themes:
            for language in ("fi", "sv", "en"):
                assert theme.label[language].strip(), (theme.id, language)
                assert theme.description[language].strip(), (theme.id, language)
                assert theme.rules[language], (theme.id, language)


def test_labels_read_in_the_viewer_language() -> None:
    labels = load_theme_codebook().labels("open_benefits", "sv")
    assert labels["new_partners_contacts"] == "Nya partner och kontakter"


def test_unknown_question_is_a_key_error_naming_the_known_ones() -> None:
    with pytest.raises(KeyError, match="open_benefits"):
        load_theme_codebook().question("open_nonexistent")


def _first_theme(raw: dict[str, Any]) -> dict[str, Any]:
    theme: dict[str, Any] = raw["questions"]["open_benefits"]["themes"][0]
    return theme


def _missing_language(raw: dict[str, Any]) -> None:
    del _first_theme(raw)["rules"]["sv"]


def _unknown_set(raw: dict[str, Any]) -> None:
    _first_theme(raw)["rules"]["fi"].append({"all": ["@nosuchset", {"lemmas": ["x"]}]})


def _one_word_phrase(raw: dict[str, Any]) -> None:
    _first_theme(raw)["rules"]["fi"].append({"phrases": ["yksi"]})


def _unknown_key(raw: dict[str, Any]) -> None:
    _first_theme(raw)["rules"]["fi"].append({"lemma": ["typo"]})


def _duplicate_id(raw: dict[str, Any]) -> None:
    themes = raw["questions"]["open_benefits"]["themes"]
    themes.append(copy.deepcopy(themes[0]))


def _bad_id(raw: dict[str, Any]) -> None:
    _first_theme(raw)["id"] = "New Partners"


def _empty_label(raw: dict[str, Any]) -> None:
    _first_theme(raw)["label"]["en"] = " "


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_missing_language, r"theme 'new_partners_contacts' rules: missing sv"),
        (_unknown_set, r"unknown set '@nosuchset' for language 'fi'"),
        (_one_word_phrase, r"'yksi' has one word"),
        (_unknown_key, r"unknown key\(s\) \['lemma'\]"),
        (_duplicate_id, r"question 'open_benefits': duplicate theme id 'new_partners_contacts'"),
        (_bad_id, r"theme id 'New Partners' must be snake_case"),
        (_empty_label, r"theme 'new_partners_contacts' label: empty en text"),
    ],
)
def test_validation_names_the_theme_and_the_problem(damage: Any, message: str) -> None:
    raw = _raw()
    damage(raw)
    with pytest.raises(ThemeCodebookError, match=message) as info:
        parse_theme_codebook(raw, "themes.yaml")
    assert len(info.value.problems) == 1


def test_validation_collects_every_problem_at_once() -> None:
    raw = _raw()
    _missing_language(raw)
    _bad_id(raw)
    with pytest.raises(ThemeCodebookError) as info:
        parse_theme_codebook(raw)
    assert len(info.value.problems) == 2
