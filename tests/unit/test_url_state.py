"""URL parameters of the results pages: valid links reproduce the view, anything else falls back.

Built on the real codebook and menu: every closed question of a wave counts as released.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.groupings import build_menu
from analysis.url_state import (
    MALFORMED,
    NOT_IN_WAVE,
    NOT_OFFERED,
    SAME_AS_FILTER,
    SECOND_FILTER,
    UNKNOWN,
    SurveyChoices,
    UrlProblem,
    ViewState,
    parse_explorer,
    parse_heatmap,
    parse_open_answers,
    parse_region,
    state_to_params,
)
from codebook import load_codebook, load_reference

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)
MENU = build_menu(REFERENCE)
SECTIONS = tuple(sorted((sid for sid, _ in CODEBOOK.sections), key=lambda sid: sid == "background"))
CHOICES = SurveyChoices(
    waves=(2020, 2023),
    questions={w: tuple(q for q in CODEBOOK.questions_in_wave(w) if q.is_closed) for w in (2020, 2023)},
    sections=SECTIONS,
    menu=MENU,
    measures=("mean", "positive"),
)
DEFAULT = ViewState(2023, "cooperation", "coop_grade_municipal", None, None)


def explorer(**params: str) -> tuple[ViewState, tuple[UrlProblem, ...]]:
    parsed = parse_explorer(params, CHOICES)
    return parsed.state, parsed.problems


def test_no_parameters_give_the_default_view() -> None:
    assert explorer() == (DEFAULT, ())


def test_the_issue_example_link_reproduces_its_view() -> None:
    state, problems = explorer(lang="sv", wave="2023", ely="uusimaa", q="programme_useful", by="sector")
    assert problems == ()
    assert state == ViewState(2023, "national", "programme_useful", ("ely_area", "uusimaa"), "sector")


@pytest.mark.parametrize(
    ("params", "expected_state", "problems"),
    [
        ({"wave": "1999"}, DEFAULT, (UrlProblem("wave", UNKNOWN),)),
        ({"wave": "twenty"}, DEFAULT, (UrlProblem("wave", UNKNOWN),)),
        ({"wave": " 2020 "}, ViewState(2020, "cooperation", "coop_grade_municipal"), ()),
        ({"wave": ""}, DEFAULT, (UrlProblem("wave", MALFORMED),)),
        ({"q": "no_such_question"}, DEFAULT, (UrlProblem("q", UNKNOWN),)),
        ({"q": "x" * 65}, DEFAULT, (UrlProblem("q", MALFORMED),)),
        ({"q": "programme\nuseful"}, DEFAULT, (UrlProblem("q", MALFORMED),)),
        ({"q": "PROGRAMME_USEFUL"}, ViewState(2023, "national", "programme_useful"), ()),
        ({"q": "nat_can_participate", "wave": "2020"}, ViewState(2020, "cooperation", "coop_grade_municipal"),
         (UrlProblem("q", NOT_IN_WAVE),)),
        ({"q": "nat_can_participate", "wave": "2020", "section": "participation"},
         ViewState(2020, "participation", "imm_involved_services"), (UrlProblem("q", NOT_IN_WAVE),)),
        ({"section": "national"}, ViewState(2023, "national", "nat_can_participate"), ()),
        ({"section": "open"}, DEFAULT, (UrlProblem("section", UNKNOWN),)),
        ({"section": "all"}, DEFAULT, ()),  # the heatmap's "all sections" is no error here
        ({"ely": "atlantis"}, DEFAULT, (UrlProblem("ely", UNKNOWN),)),
        ({"ely": "not_answered"}, DEFAULT, (UrlProblem("ely", UNKNOWN),)),
        ({"ely": "uusimaa", "sector": "public"}, ViewState(2023, "cooperation", "coop_grade_municipal",
                                                           ("sector", "public")),
         (UrlProblem("ely", SECOND_FILTER),)),
        ({"ely": "uusimaa", "by": "ely"}, ViewState(2023, "cooperation", "coop_grade_municipal",
                                                    ("ely_area", "uusimaa")),
         (UrlProblem("by", SAME_AS_FILTER),)),
        ({"by": "ely_area"}, ViewState(2023, "cooperation", "coop_grade_municipal", None, "ely_area"), ()),
        ({"by": "Org"}, ViewState(2023, "cooperation", "coop_grade_municipal", None, "org_type"), ()),
        ({"by": "none"}, DEFAULT, ()),
        ({"by": "colour"}, DEFAULT, (UrlProblem("by", UNKNOWN),)),
        ({"survey_lang": "sv", "by": "sector"}, ViewState(2023, "cooperation", "coop_grade_municipal",
                                                          ("language", "sv"), "sector"), ()),
    ],
)
def test_explorer_parameters(params: dict[str, str], expected_state: ViewState,
                             problems: tuple[UrlProblem, ...]) -> None:
    assert explorer(**params) == (expected_state, problems)


def test_remembered_view_is_used_without_parameters_and_never_over_the_url() -> None:
    memory = {"wave": "2020", "q": "coop_grade_national", "by": "sector"}
    assert parse_explorer({}, CHOICES, memory).state == ViewState(2020, "cooperation", "coop_grade_national",
                                                                  None, "sector")
    overridden = parse_explorer({"by": "org"}, CHOICES, memory)
    assert overridden.state.by == "org_type" and overridden.problems == ()
    bad = parse_explorer({"wave": "1999"}, CHOICES, memory)
    assert bad.state.wave == 2020 and bad.problems == (UrlProblem("wave", UNKNOWN),)


@pytest.mark.parametrize(
    ("params", "area", "section", "problems"),
    [
        ({}, "uusimaa", "cooperation", ()),
        ({"ely": "lappi", "section": "national"}, "lappi", "national", ()),
        ({"ely": "LAPPI"}, "lappi", "cooperation", ()),
        ({"ely": "narnia"}, "uusimaa", "cooperation", (UrlProblem("ely", UNKNOWN),)),
        ({"section": "nowhere"}, "uusimaa", "cooperation", (UrlProblem("section", UNKNOWN),)),
        ({"section": "national", "wave": "2020"}, "uusimaa", "cooperation", (UrlProblem("section", UNKNOWN),)),
    ],
)
def test_region_parameters(params: dict[str, str], area: str, section: str,
                           problems: tuple[UrlProblem, ...]) -> None:
    parsed = parse_region(params, CHOICES)
    assert parsed.state.filter == ("ely_area", area)
    assert parsed.state.section == section
    assert parsed.problems == problems


@pytest.mark.parametrize(
    ("params", "by", "measure", "section", "problems"),
    [
        ({}, "sector", "mean", "all", ()),
        ({"by": "ely", "measure": "positive", "section": "national"}, "ely_area", "positive", "national", ()),
        ({"by": "none"}, "sector", "mean", "all", ()),
        ({"measure": "maximum"}, "sector", "mean", "all", (UrlProblem("measure", UNKNOWN),)),
        ({"section": "background"}, "sector", "mean", "all", (UrlProblem("section", UNKNOWN),)),
        ({"sector": "public", "by": "sector"}, "org_type", "mean", "all", (UrlProblem("by", SAME_AS_FILTER),)),
    ],
)
def test_heatmap_parameters(params: dict[str, str], by: str, measure: str, section: str,
                            problems: tuple[UrlProblem, ...]) -> None:
    parsed = parse_heatmap(params, CHOICES)
    assert (parsed.state.by, parsed.state.measure, parsed.state.section) == (by, measure, section)
    assert parsed.problems == problems


@pytest.mark.parametrize(
    "state",
    [
        DEFAULT,
        ViewState(2023, "national", "programme_useful", ("ely_area", "uusimaa"), "sector"),
        ViewState(2020, "cooperation", "coop_grade_national", ("language", "sv"), "org_type"),
    ],
)
def test_explorer_state_round_trips_through_the_url(state: ViewState) -> None:
    params = state_to_params(state)
    assert parse_explorer(params, CHOICES) == parse_explorer(params, CHOICES)
    assert parse_explorer(params, CHOICES).state == state
    assert parse_explorer(params, CHOICES).problems == ()


def test_region_and_heatmap_states_round_trip() -> None:
    region = parse_region({"ely": "kainuu", "section": "regional", "wave": "2023"}, CHOICES).state
    assert parse_region(state_to_params(region), CHOICES).state == region
    heat = parse_heatmap({"by": "survey_lang", "measure": "positive", "org": "ngo"}, CHOICES).state
    assert state_to_params(heat)["by"] == "survey_lang"
    assert parse_heatmap(state_to_params(heat), CHOICES).state == heat


PARAM_NAMES = st.sampled_from(["wave", "q", "section", "by", "measure", "ely", "sector", "org", "survey_lang",
                               "lang", "other"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(PARAM_NAMES, st.text(max_size=80), max_size=6))
def test_any_parameters_give_a_valid_view_never_an_exception(params: dict[str, str]) -> None:
    for parse in (parse_explorer, parse_region, parse_heatmap):
        state = parse(params, CHOICES).state
        assert state.wave in CHOICES.waves
        if state.question_id is not None:
            assert CHOICES.question(state.wave, state.question_id) is not None
        MENU.validate(state.view)


# --- Open answers -------------------------------------------------------------------------------

OPEN_WAVES = {"open_benefits": (2020, 2023), "open_development": (2023,)}


def open_answers(**params: str) -> tuple[ViewState, tuple[UrlProblem, ...]]:
    parsed = parse_open_answers(params, OPEN_WAVES, MENU)
    return parsed.state, parsed.problems


def test_open_answers_defaults_and_a_shared_link() -> None:
    assert open_answers() == (ViewState(2023, None, "open_benefits", None, None), ())
    state, problems = open_answers(q="open_benefits", wave="2020", sector="third_sector")
    assert state == ViewState(2020, None, "open_benefits", ("sector", "third_sector"), None) and problems == ()
    assert parse_open_answers(state_to_params(state), OPEN_WAVES, MENU).state == state, "round trip"


@pytest.mark.parametrize(("params", "expected", "problems"), [
    ({"q": "nonsense", "wave": "1999"}, ViewState(2023, None, "open_benefits", None, None),
     (UrlProblem("q", UNKNOWN), UrlProblem("wave", UNKNOWN))),
    # a wave the question was not coded in falls back to its latest coded wave
    ({"q": "open_development", "wave": "2020"}, ViewState(2023, None, "open_development", None, None),
     (UrlProblem("wave", UNKNOWN),)),
    ({"sector": "nonsense"}, ViewState(2023, None, "open_benefits", None, None), (UrlProblem("sector", UNKNOWN),)),
    # open answers are never split by another background variable
    ({"org": "ngo"}, ViewState(2023, None, "open_benefits", None, None), (UrlProblem("org", NOT_OFFERED),)),
    ({"ely": "uusimaa", "sector": "public"}, ViewState(2023, None, "open_benefits", ("sector", "public"), None),
     (UrlProblem("ely", NOT_OFFERED),)),
    ({"wave": "2020,2023", "by": "org"}, ViewState(2023, None, "open_benefits", None, None), ()),
    ({"q": "x" * 100}, ViewState(2023, None, "open_benefits", None, None), (UrlProblem("q", MALFORMED),)),
])
def test_open_answers_bad_values_give_a_notice_and_the_default(
        params: dict[str, str], expected: ViewState, problems: tuple[UrlProblem, ...]) -> None:
    assert open_answers(**params) == (expected, problems)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(PARAM_NAMES, st.text(max_size=80), max_size=6))
def test_any_open_answers_parameters_give_a_valid_view(params: dict[str, str]) -> None:
    state = parse_open_answers(params, OPEN_WAVES, MENU).state
    assert state.question_id in OPEN_WAVES and state.wave in OPEN_WAVES[state.question_id]
    assert state.filter is None or (state.filter[0] == "sector" and state.filter[1] in MENU.categories["sector"])
    assert state.by is None
