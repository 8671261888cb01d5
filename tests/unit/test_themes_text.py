"""Normalisation, words, non-answers, language identification and Finnish lemmas/compounds."""

from __future__ import annotations

import pytest

from themes import default_analyser
from themes._text import fold_for_matching, normalise_text, split_words


def test_normalisation_unifies_unicode_and_spaces() -> None:
    decomposed = "ja\u0308rjesto\u0308t\u00a0 ja  kunnat \n\n\n\n ok "
    assert normalise_text(decomposed) == "järjestöt ja kunnat\n\nok"
    assert normalise_text(None) == ""
    assert normalise_text(float("nan")) == ""


def test_words_keep_hyphenated_words_and_colon_endings_whole() -> None:
    words = split_words("TE-palvelut, epätasa-arvo ja EU:n rahoitus. Uusi lause")
    assert [w.text for w in words] == ["TE-palvelut", "epätasa-arvo", "ja", "EU:n", "rahoitus",
                                       "Uusi", "lause"]
    assert [w.sentence_start for w in words] == [True, False, False, False, False, True, False]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "?", ".", "...", "--", "eos", "EOS.", "e.o.s", "En osaa sanoa.",
     "en osaa sanoa tässä vaiheessa", "en tiedä", "En tiiä", "ei kommentteja", "Ei mitään.",
     "ei", "vet inte", "Vet ej.", "kan inte säga", "Inga kommentarer", "no comment", "N/A", "n/a",
     "don't know", "Don’t know yet", "nothing to add", "xxx", "x"],
)
def test_non_answers_are_recognised(text: str) -> None:
    assert default_analyser().is_non_answer(text)


@pytest.mark.parametrize(
    "text",
    ["Ei juurikaan hyötyä vielä, olemme vasta aloittaneet.", "Kiitos!", "ok, hyvä ohjelma",
     "En osaa sanoa, koska emme ole osallistuneet koulutuksiin.", "Nya kontakter", "Networking",
     "Ei ole ollut hyötyä."],
)
def test_substantive_answers_are_not_non_answers(text: str) -> None:
    assert not default_analyser().is_non_answer(text)


@pytest.mark.parametrize(
    ("text", "fallback", "language", "source"),
    [
        ("Uusia kontakteja ja verkostoja muihin järjestöihin.", "sv", "fi", "detected"),
        ("Vi har fått nya kontakter och samarbetspartner.", "fi", "sv", "detected"),
        ("We met new partners in the webinars.", "fi", "en", "detected"),
        ("ok", "sv", "sv", "questionnaire"),
        ("ok", "en", "en", "questionnaire"),
        ("Bra", "fi", "fi", "questionnaire"),
        ("123", None, "fi", "questionnaire"),
    ],
)
def test_language_is_detected_with_the_questionnaire_language_as_fallback(
    text: str, fallback: str | None, language: str, source: str
) -> None:
    guess = default_analyser().detect_language(text, fallback)
    assert (guess.language, guess.source) == (language, source)


def test_finnish_lemmas_and_compound_parts_come_from_voikko() -> None:
    lemmatiser = default_analyser().lemmatiser
    assert lemmatiser.has_voikko, "voikko-fi and libvoikko1 are installed on this machine"
    compound = lemmatiser.analyse("kotoutumiskoulutuksissa", "fi")
    assert compound.lemma == "kotoutumiskoulutus"
    assert {"koulutus", "kotoutua"} <= compound.parts
    assert "yhteistyö" in lemmatiser.analyse("verkostoyhteistyötä", "fi").parts
    hyphenated = lemmatiser.analyse("TE-palveluista", "fi")
    assert hyphenated.lemma == "te-palvelu"
    assert "palvelu" in hyphenated.parts
    assert "osaaminen" in lemmatiser.analyse("osaamista", "fi").lemmas
    assert lemmatiser.analyse("Virtaselle", "fi").has_name_class


@pytest.mark.parametrize(
    ("word", "language", "lemma"),
    [("nätverken", "sv", "nätverk"), ("myndigheterna", "sv", "myndighet"),
     ("authorities", "en", "authority"), ("trainings", "en", "training")],
)
def test_swedish_and_english_lemmas_come_from_simplemma(word: str, language: str, lemma: str) -> None:
    assert lemma in default_analyser().lemmatiser.analyse(word, language).lemmas


def test_fold_for_matching_drops_punctuation_and_case() -> None:
    assert fold_for_matching("  En osaa SANOA!! ") == "en osaa sanoa"
