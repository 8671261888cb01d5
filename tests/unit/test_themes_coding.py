"""Theme coding: code_answer on the real codebook, and the rule semantics on a small one."""

from __future__ import annotations

from typing import Any

import pytest

from themes import TextAnalyser, code_answer, parse_theme_codebook


@pytest.mark.parametrize(
    ("text", "question_id", "language", "expected"),
    [
        ("Saimme uusia kontakteja ja hyviä käytäntöjä.", "open_benefits", "fi",
         {"new_partners_contacts", "good_practices"}),
        ("Kotoutumiskoulutuksista oli paljon apua.", "open_benefits", "fi", {"competence_training"}),
        ("Verkostoyhteistyötä järjestöjen ja TE-palveluiden kesken.", "open_benefits", "fi",
         {"new_partners_contacts", "third_sector_authority_cooperation"}),
        ("Ei juurikaan hyötyä vielä.", "open_benefits", "fi", set()),
        ("eos", "open_benefits", "fi", set()),
        ("-", "open_development", "sv", set()),
        ("Maahanmuuttaneet itse mukaan suunnitteluun ja lisää rahoitusta.", "open_development", "fi",
         {"immigrant_participation", "resources_funding"}),
        ("Mer dialog mellan myndigheter och föreningar.", "open_development", "sv",
         {"dialogue_with_authorities"}),
        ("Good practices from projects should become permanent.", "open_development", "en",
         {"rooting_good_practices"}),
        ("Selkokieltä ja tulkkausta tarvitaan.", "open_participation", "fi", {"language_communication"}),
        ("Kiitos hyvästä työstä!", "open_comments", "fi", {"thanks_positive"}),
    ],
)
def test_code_answer_on_the_codebook(
    text: str, question_id: str, language: str, expected: set[str]
) -> None:
    assert code_answer(text, question_id, language) == expected


def test_code_answer_detects_the_language_when_not_given() -> None:
    assert code_answer("Vi har fått nya kontakter och nätverk.", "open_benefits") == {
        "new_partners_contacts"}
    assert code_answer("Better cooperation between NGOs and the municipality.",
                       "open_benefits") == {"third_sector_authority_cooperation"}


def test_unknown_question_raises() -> None:
    with pytest.raises(KeyError, match="open_unknown"):
        code_answer("Hyvä", "open_unknown", "fi")


def _mini(rules: dict[str, Any], **theme: Any) -> TextAnalyser:
    raw = {
        "version": "test-1",
        "phrase_max_gap": 1,
        "non_answers": {"fi": ["eos"], "sv": ["vet inte"], "en": ["n a"]},
        "sets": {"fi": {"authority": {"lemmas": ["kunta", "viranomainen"]}}},
        "questions": {"q": {"themes": [{
            "id": "t",
            "label": {"fi": "T", "sv": "T", "en": "T"},
            "description": {"fi": "T", "sv": "T", "en": "T"},
            "rules": {"fi": rules["fi"], "sv": [{"lemmas": ["x"]}], "en": [{"lemmas": ["x"]}]},
            **theme,
        }]}},
    }
    return TextAnalyser(parse_theme_codebook(raw))


@pytest.mark.parametrize(
    ("rule", "text", "coded"),
    [
        ({"lemmas": ["kontakti"]}, "Saimme kontakteja.", True),
        ({"lemmas": ["koulutus"]}, "Kotoutumiskoulutuksia oli.", False),  # lemma: whole word only
        ({"parts": ["koulutus"]}, "Kotoutumiskoulutuksia oli.", True),  # part: compound member
        ({"parts": ["koulu"]}, "Kotoutumiskoulutuksia oli.", False),  # not a substring in Finnish
        ({"lemmas": ["maahanmuut*"]}, "Maahanmuuttaneet tulivat.", True),  # prefix
        ({"phrases": ["hyvä käytäntö"]}, "Hyviä toimintakäytäntöjä.", True),  # head of a compound
        ({"phrases": ["hyvä käytäntö"]}, "Hyviä ja toimivia uusia käytäntöjä.", False),  # gap 3 > 1
        ({"phrases": ["hyvä käytäntö"]}, "Käytännöt ovat hyviä.", False),  # order matters
        ({"all": ["@authority", {"lemmas": ["kuunnella"]}]}, "Kunnan pitäisi kuunnella.", True),
        ({"all": ["@authority", {"lemmas": ["kuunnella"]}]}, "Pitäisi kuunnella.", False),
        ({"forms": ["käytännössä"]}, "Käytäntö toimii.", False),
    ],
)
def test_rule_kinds(rule: dict[str, Any], text: str, coded: bool) -> None:
    analyser = _mini({"fi": [rule]})
    assert analyser.code(text, "q", "fi") == ({"t"} if coded else set())


def test_ignore_removes_words_before_the_rules_run() -> None:
    analyser = _mini({"fi": [{"parts": ["käytäntö"]}]},
                     ignore={"fi": {"forms": ["käytännössä"]}})
    assert analyser.code("Käytännössä kaikki toimii.", "q", "fi") == set()
    assert analyser.code("Uusia käytäntöjä.", "q", "fi") == {"t"}


def test_exclude_vetoes_the_theme() -> None:
    analyser = _mini({"fi": [{"lemmas": ["kontakti"]}]},
                     exclude={"fi": [{"phrases": ["ei kontakti"]}]})
    assert analyser.code("Uusia kontakteja.", "q", "fi") == {"t"}
    assert analyser.code("Ei kontakteja.", "q", "fi") == set()


def test_an_answer_can_carry_several_themes_or_none() -> None:
    themes = code_answer("Uusia kontakteja, tietoa ja koulutusta.", "open_benefits", "fi")
    assert themes == {"new_partners_contacts", "information_exchange", "competence_training"}
    assert code_answer("Kiva päivä.", "open_benefits", "fi") == set()
