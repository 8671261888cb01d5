"""URL state of the comparison views: ``wave=2020,2023``, the explorer's ``option`` and What changed.

Built on the real codebook and menu (every closed question of a wave counts as released).
"""

from __future__ import annotations

import pytest

from analysis.groupings import build_menu
from analysis.url_state import (
    SECOND_FILTER,
    UNKNOWN,
    WAVES_BOTH,
    SurveyChoices,
    UrlProblem,
    ViewState,
    parse_explorer,
    parse_heatmap,
    parse_region,
    parse_what_changed,
    state_to_params,
)
from codebook import load_codebook, load_reference

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)
MENU = build_menu(REFERENCE)
SECTIONS = tuple(sorted((sid for sid, _ in CODEBOOK.sections), key=lambda sid: sid == "background"))


def choices(waves: tuple[int, ...] = (2020, 2023)) -> SurveyChoices:
    return SurveyChoices(waves=waves,
                         questions={w: tuple(q for q in CODEBOOK.questions_in_wave(w) if q.is_closed) for w in waves},
                         sections=SECTIONS, menu=MENU, measures=("mean", "positive"))


@pytest.mark.parametrize(
    ("params", "wave", "compare", "problems"),
    [
        ({"wave": "2020,2023"}, 2023, True, ()),
        ({"wave": " 2020,2023 "}, 2023, True, ()),
        ({"wave": "2020"}, 2020, False, ()),
        ({"wave": "2020,2024"}, 2023, False, (UrlProblem("wave", UNKNOWN),)),
        ({"wave": "2023,2020"}, 2023, False, (UrlProblem("wave", UNKNOWN),)),
    ],
)
def test_the_explorer_wave_switch(params: dict[str, str], wave: int, compare: bool,
                                  problems: tuple[UrlProblem, ...]) -> None:
    parsed = parse_explorer({**params, "q": "dialogue_national"}, choices())
    assert (parsed.state.wave, parsed.state.compare, parsed.problems) == (wave, compare, problems)


def test_both_waves_round_trip_through_the_url() -> None:
    parsed = parse_explorer({"wave": WAVES_BOTH, "q": "dialogue_national", "by": "sector"}, choices())
    params = state_to_params(parsed.state)
    assert params["wave"] == WAVES_BOTH
    assert parse_explorer(params, choices()).state == parsed.state


def test_both_waves_need_two_waves() -> None:
    parsed = parse_region({"wave": WAVES_BOTH}, choices((2023,)))
    assert (parsed.state.compare, parsed.problems) == (False, (UrlProblem("wave", UNKNOWN),))


def test_my_region_takes_both_waves() -> None:
    parsed = parse_region({"wave": WAVES_BOTH, "ely": "lappi"}, choices())
    assert parsed.state == ViewState(2023, "cooperation", None, ("ely_area", "lappi"), None, compare=True)
    assert state_to_params(parsed.state)["wave"] == WAVES_BOTH


def test_other_pages_fall_back_from_both_waves_without_a_notice() -> None:
    parsed = parse_heatmap({"wave": WAVES_BOTH}, choices())
    assert (parsed.state.wave, parsed.state.compare, parsed.problems) == (2023, False, ())


@pytest.mark.parametrize(
    ("params", "option", "problems"),
    [
        ({"q": "coop_partners", "by": "sector", "option": "ngos"}, "ngos", ()),
        ({"q": "coop_partners", "by": "sector", "option": "NGOS"}, "ngos", ()),
        ({"q": "coop_partners", "by": "sector", "option": "bogus"}, None, (UrlProblem("option", UNKNOWN),)),
        ({"q": "imm_involved_services", "by": "org", "option": "yes"}, "yes", ()),
        # no breakdown, or a scale question: the option is not used and not reported
        ({"q": "coop_partners", "option": "ngos"}, None, ()),
        ({"q": "dialogue_national", "by": "sector", "option": "ngos"}, None, ()),
    ],
)
def test_the_breakdown_option_is_validated_against_the_question(params: dict[str, str], option: str | None,
                                                                 problems: tuple[UrlProblem, ...]) -> None:
    parsed = parse_explorer(params, choices())
    assert (parsed.state.option, parsed.problems) == (option, problems)
    if option is not None:
        assert state_to_params(parsed.state)["option"] == option


@pytest.mark.parametrize(
    ("params", "filter_", "problems"),
    [
        ({}, None, ()),
        ({"sector": "public"}, ("sector", "public"), ()),
        ({"ely": "uusimaa", "wave": "2020"}, ("ely_area", "uusimaa"), ()),
        ({"org": "ngo"}, None, (UrlProblem("org", UNKNOWN),)),
        ({"survey_lang": "sv", "ely": "lappi"}, ("ely_area", "lappi"), (UrlProblem("survey_lang", UNKNOWN),)),
        ({"sector": "public", "ely": "lappi"}, ("sector", "public"), (UrlProblem("ely", SECOND_FILTER),)),
        ({"ely": "atlantis"}, None, (UrlProblem("ely", UNKNOWN),)),
    ],
)
def test_what_changed_filters_by_sector_or_ely_area(params: dict[str, str], filter_: tuple[str, str] | None,
                                                     problems: tuple[UrlProblem, ...]) -> None:
    parsed = parse_what_changed(params, choices())
    assert (parsed.state.filter, parsed.state.compare, parsed.problems) == (filter_, True, problems)
    assert state_to_params(parsed.state)["wave"] == WAVES_BOTH
