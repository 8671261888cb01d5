"""The gate for open answers: theme counts like a multi-select, and the text gate for quotes and key terms.

Group sizes of the survey below (wave 2023, k = 5, quote_k = 10; "open_benefits" answered by all):

    municipality / uusimaa   / fi  14  public       14 substantive
    municipality / pirkanmaa / fi   6  public        6 substantive
    ngo          / uusimaa   / sv  12  third sector 10 substantive, 2 "no content"
    ngo          / pirkanmaa / fi   6  third sector  6 substantive
    company      / uusimaa   / en   7  other         7 substantive (k <= 7 < quote_k)

So the public sector has a base of 20 and the third sector 16 (both quotable), "other" 7 (numbers
shown, never quoted). Only the companies mention ``good_practices``. One test adds
education / pirkanmaa / fi with 6 respondents of whom 3 answered with content (a base under k).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from anonymity import SKIP, Policy, ReleaseError, View, audit_question
from codebook import load_codebook, load_reference
from data_access import CodingRun
from data_access.protection_store import POPULATION
from results import (
    NO_CONTENT,
    QUOTE_DIMENSION,
    REFUSED_KEY_TERMS,
    REFUSED_QUOTE_DIMENSION,
    REFUSED_QUOTE_GROUP,
    UNCODED,
    OpenAnswerData,
    ReleasedKeyTerms,
    ReleasedQuotes,
    SurveySnapshot,
    answered_open_questions,
    open_answer_codes,
    quotable_groups,
    release_key_terms,
    release_question,
    release_quotes,
    snapshot_from_frames,
    with_current_patterns,
)
from results._open_cells import build_open_cells
from themes import load_theme_codebook

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)
THEME_IDS = load_theme_codebook().question("open_benefits").theme_ids
QUESTION = "open_benefits"
WAVE = 2023
#: (org_type, ely_area, language, respondents, substantive, themes of a substantive answer by position)
GROUPS = [
    ("municipality", "uusimaa", "fi", 14, 14, [("new_partners_contacts",), ("information_exchange",), ()]),
    ("municipality", "pirkanmaa", "fi", 6, 6, [("competence_training",)]),
    ("ngo", "uusimaa", "sv", 12, 10, [("information_exchange", "new_partners_contacts")]),
    ("ngo", "pirkanmaa", "fi", 6, 6, [("competence_training", "new_partners_contacts")]),
    ("company", "uusimaa", "en", 7, 7, [("good_practices",)]),
]
EDUCATION = ("education", "pirkanmaa", "fi", 6, 3, [("competence_training",)])
SECTORS = {"municipality": "public", "education": "public", "ngo": "third_sector", "company": "other"}


def survey(groups: list[tuple] = GROUPS) -> tuple[pd.DataFrame, pd.DataFrame]:  # type: ignore[type-arg]
    """Respondents and their coded answers (texts say who wrote them, for the assertions)."""
    people: list[dict[str, object]] = []
    answers: list[dict[str, object]] = []
    for org_type, area, language, n, substantive, themes in groups:
        for i in range(n):
            rid = len(people) + 1
            people.append({"respondent_id": rid, "wave": WAVE, "survey_language": language,
                           "org_type": org_type, "ely_area": area, "submitted_at": None})
            is_substantive = i < substantive
            answer_themes = themes[i % len(themes)] if is_substantive else ()
            answers.append({"respondent_id": rid, "wave": WAVE, "question_id": QUESTION, "language": language,
                            "is_substantive": is_substantive,
                            "redacted_text": f"{org_type} {area} {i} says {' and '.join(answer_themes) or 'little'}",
                            "themes": tuple(answer_themes)})
    return pd.DataFrame(people), pd.DataFrame(answers)


def flags_and_themes(answers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    flags = answers[["respondent_id", "question_id", "is_substantive"]]
    themes = pd.DataFrame(
        [(r.respondent_id, r.question_id, t) for r in answers.itertuples() for t in r.themes],
        columns=["respondent_id", "question_id", "theme_id"])
    return flags, themes


DEFAULT_POLICY = Policy(k=5, quote_k=10)
KEY_TERMS = [("fi", "lemma", "kontakti", 12), ("fi", "lemma", "harvinainen", 4), ("fi", "bigram", "uusi kontakti", 5),
             ("sv", "lemma", "kontakt", 6)]


def make_snapshot(policy: Policy = DEFAULT_POLICY,
                  groups: list[tuple] = GROUPS) -> tuple[SurveySnapshot, OpenAnswerData]:  # type: ignore[type-arg]
    people, answers = survey(groups)
    codes = open_answer_codes(*flags_and_themes(answers))
    snapshot = snapshot_from_frames(people, {}, CODEBOOK, REFERENCE, policy, open_codes={WAVE: codes},
                                    open_options={(WAVE, QUESTION): THEME_IDS})
    snapshot = with_current_patterns(snapshot)
    data = OpenAnswerData(
        answers.assign(**{QUOTE_DIMENSION: people["org_type"].map(SECTORS).to_numpy()}),
        pd.DataFrame([(QUESTION, WAVE, *term) for term in KEY_TERMS],
                     columns=["question_id", "wave", "language", "kind", "term", "n_respondents"]),
        (CodingRun(WAVE, QUESTION, "test-1", THEME_IDS, "voikko", 0.1),),
    )
    return snapshot, data


@pytest.fixture(scope="module")
def gated() -> tuple[SurveySnapshot, OpenAnswerData]:
    return make_snapshot()


# --- codes and cells ---------------------------------------------------------------------------


def test_codes_give_themes_uncoded_and_no_content() -> None:
    flags = pd.DataFrame({"respondent_id": [1, 2, 3, 4], "question_id": ["q"] * 4,
                          "is_substantive": [True, True, False, True]})
    themes = pd.DataFrame({"respondent_id": [1, 1, 4, 3], "question_id": ["q"] * 4,
                           "theme_id": ["a", "b", "c", "ghost"]})
    codes = open_answer_codes(flags, themes)
    got = sorted(map(tuple, codes[["respondent_id", "option_code"]].to_numpy().tolist()))
    # respondent 3 has no content: a stray theme row of it is not counted
    assert got == [(1, "a"), (1, "b"), (2, UNCODED), (3, NO_CONTENT), (4, "c")]


def test_open_cells_count_respondents_with_substantive_answers_as_the_base() -> None:
    people, answers = survey()
    codes = open_answer_codes(*flags_and_themes(answers))
    menu_snapshot = snapshot_from_frames(people, {}, CODEBOOK, REFERENCE, Policy())
    from analysis.groupings import derive_dimensions

    cells = build_open_cells(derive_dimensions(people, REFERENCE), menu_snapshot.menu, codes, THEME_IDS)
    assert cells.categories is not None
    assert cells.population.sum() == 45
    assert cells.base.sum() == 43  # substantive answers
    assert cells.categories[NO_CONTENT].sum() == 2
    assert np.array_equal(cells.categories[SKIP].to_numpy(), cells.population - cells.base)
    assert cells.categories["good_practices"].sum() == 7
    assert list(cells.categories.columns) == [SKIP, *THEME_IDS, UNCODED, NO_CONTENT]


# --- numbers --------------------------------------------------------------------------------------


def test_open_question_releases_theme_counts_of_respondents(gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, _ = gated
    table = release_question(snapshot, QUESTION, WAVE, View())
    assert table.question_type == "open"
    assert table.option_codes == (*THEME_IDS, UNCODED, NO_CONTENT)
    total = table.total
    assert total is not None and not total.hidden
    assert (total.population, total.base) == (45, 43)
    # Uusimaa municipalities: 5 new partners, 5 information exchange, 4 uncoded; Uusimaa NGOs: 10
    # with both themes; Pirkanmaa NGOs: 6 new partners (and training)
    assert total.count("new_partners_contacts") == 5 + 10 + 6
    assert total.count("information_exchange") == 5 + 10
    assert total.count("competence_training") == 12
    assert total.count(UNCODED) == 4
    assert total.count(NO_CONTENT) == 2
    assert total.share("information_exchange") == pytest.approx(15 / 43)
    theme_total = sum(total.count(code) or 0 for code in (*THEME_IDS, UNCODED))
    assert theme_total > total.base, "several themes per answer: shares can add up to more than 100 %"


def test_a_group_under_k_substantive_answers_is_hidden_though_its_population_is_not() -> None:
    snapshot, _ = make_snapshot(groups=[*GROUPS, EDUCATION])
    population = release_question(snapshot, "open_benefits", WAVE, View(None, "org_type"))
    table = release_question(snapshot, QUESTION, WAVE, View(None, "org_type"))
    rows = {row.category: row for row in table.rows}
    assert rows["education"].hidden and rows["education"].counts is None
    assert population.total is not None and population.total.population == 51
    assert sum(1 for r in table.rows if r.hidden and r.category in ("municipality", "ngo", "company")) >= 1, \
        "the total minus the shown rows would give the education group: a second row is hidden"


def test_the_open_question_pattern_passes_the_independent_audit(
        gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, _ = gated
    cells = snapshot.cells[(WAVE, QUESTION)]
    assert cells.categories is not None
    themes_only = cells.categories.drop(columns=[NO_CONTENT])  # tick counts bounded by the base
    exposures = audit_question(cells.labels, cells.population, themes_only, True, snapshot.menu,
                               snapshot.patterns[(WAVE, QUESTION)], snapshot.patterns[(WAVE, POPULATION)], 5)
    assert exposures == []


def test_only_answered_open_questions_are_offered() -> None:
    people, answers = survey()
    codes = open_answer_codes(*flags_and_themes(answers))
    options = {(WAVE, QUESTION): THEME_IDS, (WAVE, "open_comments"): ("thanks_positive",)}
    snapshot = snapshot_from_frames(people, {}, CODEBOOK, REFERENCE, DEFAULT_POLICY, open_codes={WAVE: codes},
                                    open_options=options)
    assert set(snapshot.open_options) == set(options)
    assert answered_open_questions(snapshot) == [QUESTION]


def test_an_uncoded_wave_is_refused(gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, _ = gated
    with pytest.raises(ReleaseError, match="not been coded"):
        release_question(snapshot, "open_development", WAVE, View())


# --- quotes -----------------------------------------------------------------------------------------


def quoted_texts(quotes: ReleasedQuotes) -> list[str]:
    return [q.text for _, items in quotes.quotes for q in items]


def test_quotes_come_only_from_quotable_sectors(gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, data = gated
    assert quotable_groups(snapshot, QUESTION, WAVE) == {"public", "third_sector"}
    quotes = release_quotes(snapshot, data, QUESTION, WAVE, View(), "fi")
    assert quotes.refused is None
    texts = quoted_texts(quotes)
    assert texts and not [t for t in texts if t.startswith("company")], "the companies' group is under quote_k"
    assert quotes.for_theme("good_practices") == ()
    table = release_question(snapshot, QUESTION, WAVE, View())
    assert table.total is not None and table.total.count("good_practices") == 7, "the number itself is shown"


def test_at_most_three_distinct_quotes_per_theme_in_the_viewers_language_first(
        gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, data = gated
    for language in ("fi", "sv"):
        quotes = release_quotes(snapshot, data, QUESTION, WAVE, View(), language)
        for _, items in quotes.quotes:
            assert 1 <= len(items) <= 3
            assert len({q.text for q in items}) == len(items)
            languages = [q.language == language for q in items]
            assert languages == sorted(languages, reverse=True), "viewer's language first"
        mixed = quotes.for_theme("new_partners_contacts")  # written in fi (municipality) and sv (NGO)
        assert {q.language for q in mixed} == {language}
    again = release_quotes(snapshot, data, QUESTION, WAVE, View(), "sv")
    assert again == release_quotes(snapshot, data, QUESTION, WAVE, View(), "sv"), "the same view, the same quotes"


def test_quotes_of_a_sector_are_that_sectors_and_a_small_one_is_refused(
        gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, data = gated
    public = release_quotes(snapshot, data, QUESTION, WAVE, View(("sector", "public")), "fi")
    assert public.refused is None
    assert quoted_texts(public) and all(t.split()[0] in ("municipality", "education") for t in quoted_texts(public))
    other = release_quotes(snapshot, data, QUESTION, WAVE, View(("sector", "other")), "fi")
    assert other.refused == REFUSED_QUOTE_GROUP and other.quotes == ()


@pytest.mark.parametrize("view", [View(("org_type", "municipality")), View(("ely_area", "uusimaa")),
                                  View(("org_type", "ngo"), "ely_area"), View(("language", "fi"))])
def test_no_quotes_in_views_filtered_by_another_dimension(
        gated: tuple[SurveySnapshot, OpenAnswerData], view: View) -> None:
    snapshot, data = gated
    quotes = release_quotes(snapshot, data, QUESTION, WAVE, view, "fi")
    assert quotes.refused == REFUSED_QUOTE_DIMENSION and quotes.refused_for_dimension
    assert quotes.quotes == ()


def test_quotes_belong_to_the_filter_group_never_to_breakdown_rows(
        gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, data = gated
    plain = release_quotes(snapshot, data, QUESTION, WAVE, View(), "fi")
    broken_down = release_quotes(snapshot, data, QUESTION, WAVE, View(None, "org_type"), "fi")
    assert broken_down.view == View() and broken_down.quotes == plain.quotes


def test_a_higher_quote_threshold_refuses_quotes_but_not_numbers() -> None:
    snapshot, data = make_snapshot(Policy(k=5, quote_k=40))  # all: 43; no sector reaches 40
    quotes = release_quotes(snapshot, data, QUESTION, WAVE, View(), "fi")
    assert quotes.refused is None and quotes.quotes == (), "every answer is from a sector under quote_k"
    assert release_key_terms(snapshot, data, QUESTION, WAVE, "fi").terms[0] == ("kontakti", "lemma", 12)
    snapshot, data = make_snapshot(Policy(k=5, quote_k=50))
    assert release_quotes(snapshot, data, QUESTION, WAVE, View(), "fi").refused == REFUSED_QUOTE_GROUP
    terms = release_key_terms(snapshot, data, QUESTION, WAVE, "fi")
    assert terms.refused == REFUSED_KEY_TERMS and terms.terms == ()
    table = release_question(snapshot, QUESTION, WAVE, View())
    assert table.total is not None and table.total.base == 43


# --- key terms --------------------------------------------------------------------------------------


def test_key_terms_need_k_respondents_each(gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, data = gated
    terms = release_key_terms(snapshot, data, QUESTION, WAVE, "fi")
    assert terms.refused is None
    assert terms.terms == (("kontakti", "lemma", 12), ("uusi kontakti", "bigram", 5))
    assert release_key_terms(snapshot, data, QUESTION, WAVE, "sv").terms == (("kontakt", "lemma", 6),)
    assert release_key_terms(snapshot, data, QUESTION, WAVE, "en").terms == ()
    assert list(terms.to_frame().columns) == ["term", "kind", "n_respondents"]


def test_released_text_types_are_made_only_by_the_gate() -> None:
    with pytest.raises(TypeError):
        ReleasedQuotes("q", 2023, View(), 10, None)
    with pytest.raises(TypeError):
        ReleasedKeyTerms("q", 2023, "fi", None)


def test_a_stale_snapshot_refuses_open_questions_too(gated: tuple[SurveySnapshot, OpenAnswerData]) -> None:
    snapshot, data = gated
    stale = dataclasses.replace(snapshot, fingerprints={**snapshot.fingerprints, (WAVE, QUESTION): "old"})
    with pytest.raises(ReleaseError, match="out of date"):
        release_quotes(stale, data, QUESTION, WAVE, View(), "fi")
