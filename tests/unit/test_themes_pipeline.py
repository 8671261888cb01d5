"""run_pipeline: frames in, frames out; no raw text out; key terms by respondents; summaries."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from themes import (
    ANSWER_COLUMNS,
    KEY_TERM_COLUMNS,
    THEME_COLUMNS,
    UNCODED,
    load_theme_codebook,
    run_pipeline,
    summarise_themes,
)

#: Eight answers to open_benefits in 2023 (respondents 1-8) and two in 2020 (9-10).
ROWS = [
    (1, 2023, "fi", "Uusia kontakteja ja verkostoja. Kiitos Mikko Virtaselle, puh. 040 123 4567."),
    (2, 2023, "fi", "Uusia kontakteja, tietoa ja koulutusta."),
    (3, 2023, "fi", "Koulutukset ovat lisänneet osaamista ja uusia kontakteja syntyi."),
    (4, 2023, "fi", "eos"),
    (5, 2023, "sv", "Vi har fått nya kontakter och samarbetspartner."),
    (6, 2023, "sv", "-"),
    (7, 2023, "en", "Nice weather."),
    (8, 2023, "fi", "Webinaarit ja uusia kontakteja, uusia kontakteja!"),
    (9, 2020, "fi", "Toivomme hyviä käytäntöjä ja uusia kontakteja."),
    (10, 2020, "en", None),
]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        [(rid, wave, lang, "open_benefits", text) for rid, wave, lang, text in ROWS],
        columns=["respondent_id", "wave", "survey_language", "question_id", "text"],
    )


@pytest.fixture(scope="module")
def result(frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    return run_pipeline(frame, key_term_min_respondents=2)


def test_one_row_per_answer_with_the_documented_columns(result, frame) -> None:  # type: ignore[no-untyped-def]
    answers = result.answers
    assert list(answers.columns) == list(ANSWER_COLUMNS)
    assert len(answers) == len(frame)
    assert answers["respondent_id"].tolist() == frame["respondent_id"].tolist()
    assert result.codebook_version == load_theme_codebook().version
    assert result.voikko is True


def test_non_answers_are_flagged_and_uncoded(result) -> None:  # type: ignore[no-untyped-def]
    answers = result.answers.set_index("respondent_id")
    assert answers.loc[[4, 6, 10], "is_substantive"].tolist() == [False, False, False]
    assert answers.loc[[1, 2, 3, 5, 7, 8, 9], "is_substantive"].all()
    assert answers.loc[4, "themes"] == ()
    assert answers.loc[6, "language"] == "sv"  # the questionnaire language for "-"


def test_redacted_text_replaces_raw_text(result) -> None:  # type: ignore[no-untyped-def]
    first = result.answers.set_index("respondent_id").loc[1]
    assert first["redacted_text"] == "Uusia kontakteja ja verkostoja. Kiitos [nimi], puh. [puhelinnumero]."
    assert first["redaction_count"] == 2
    assert first["redaction_kinds"] == "name,phone"
    assert "text" not in result.answers.columns
    assert "virtanen" not in first["terms"]


def test_answer_themes_is_the_long_form_of_the_themes_column(result) -> None:  # type: ignore[no-untyped-def]
    long = result.answer_themes
    assert list(long.columns) == list(THEME_COLUMNS)
    expected = {(row.respondent_id, theme) for row in result.answers.itertuples()
                for theme in row.themes}
    assert set(zip(long["respondent_id"], long["theme_id"], strict=True)) == expected
    coded = result.answers.set_index("respondent_id")["themes"]
    assert coded[2] == ("new_partners_contacts", "information_exchange", "competence_training")
    assert coded[7] == ()


def test_key_terms_count_respondents_not_mentions(result) -> None:  # type: ignore[no-untyped-def]
    terms = result.key_terms
    assert list(terms.columns) == list(KEY_TERM_COLUMNS)
    fi_2023 = terms[(terms["wave"] == 2023) & (terms["language"] == "fi")]
    lemmas = dict(zip(fi_2023.loc[fi_2023["kind"] == "lemma", "term"],
                      fi_2023.loc[fi_2023["kind"] == "lemma", "n_respondents"], strict=True))
    # Respondents 1, 2, 3 and 8 use "kontakti"; respondent 8 twice, counted once.
    assert lemmas["kontakti"] == 4
    bigrams = set(fi_2023.loc[fi_2023["kind"] == "bigram", "term"])
    assert "uusi kontakti" in bigrams
    # Stopwords, placeholders and names are not terms; min_respondents=2 drops singletons.
    assert not {"ja", "nimi", "mikko", "virtanen"} & set(lemmas)
    assert terms["n_respondents"].min() >= 2


def test_key_term_threshold_defaults_to_three(frame) -> None:  # type: ignore[no-untyped-def]
    assert run_pipeline(frame).key_terms["n_respondents"].min() >= 3


def test_summary_counts_respondents_with_an_uncoded_row(result) -> None:  # type: ignore[no-untyped-def]
    summary = summarise_themes(result.answers, load_theme_codebook())
    wave = summary[summary["wave"] == 2023].set_index("theme_id")
    assert wave.loc["new_partners_contacts", "n_respondents"] == 5  # 1, 2, 3, 5, 8
    assert wave.loc[UNCODED, "n_respondents"] == 1  # 7
    assert (wave["n_substantive"] == 6).all()
    assert (wave["n_no_content"] == 2).all()
    assert math.isclose(wave.loc["new_partners_contacts", "share"], 5 / 6)
    # Several themes per answer: the theme shares add up to more than 100 %.
    assert wave.drop(index=UNCODED)["share"].sum() > 1.0
    assert wave.loc["influence_participation", "n_respondents"] == 0


def test_missing_columns_and_unknown_questions_fail() -> None:
    with pytest.raises(ValueError, match="missing"):
        run_pipeline(pd.DataFrame({"respondent_id": [1], "text": ["x"]}))
    bad = pd.DataFrame([(1, 2023, "fi", "open_unknown", "x")],
                       columns=["respondent_id", "wave", "survey_language", "question_id", "text"])
    with pytest.raises(KeyError, match="open_unknown"):
        run_pipeline(bad)


def test_empty_input_gives_empty_frames() -> None:
    empty = pd.DataFrame(columns=["respondent_id", "wave", "survey_language", "question_id", "text"])
    result = run_pipeline(empty)
    assert result.answers.empty and result.answer_themes.empty and result.key_terms.empty
    assert list(result.answers.columns) == list(ANSWER_COLUMNS)
