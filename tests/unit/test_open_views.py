"""Which views of an open question's themes are released: all respondents and sectors only.

Survey: tests/unit/test_open_answers_gate.py (2023, k = 5: public 20, third sector 16, other 7
substantive answers; organisation types municipality 20, ngo 16, company 7).
"""

from __future__ import annotations

import pytest

from anonymity import MenuError, View
from results import (
    REFUSED_OPEN_VIEW,
    answer_languages_by_use,
    open_view_allowed,
    release_open_themes,
    release_question,
)
from tests.unit.test_open_answers_gate import QUESTION, WAVE, make_snapshot

SNAPSHOT, DATA = make_snapshot()


@pytest.mark.parametrize("view", [View(), View(("sector", "public")), View(None, "sector"),
                                  View(("sector", "other"))])
def test_all_respondents_and_sector_views_are_the_gates_tables(view: View) -> None:
    assert open_view_allowed(view)
    released = release_open_themes(SNAPSHOT, QUESTION, WAVE, view)
    assert released == release_question(SNAPSHOT, QUESTION, WAVE, view)
    assert not released.is_refused


@pytest.mark.parametrize("view", [View(("org_type", "municipality")), View(None, "org_type"),
                                  View(("sector", "public"), "ely_area"), View(("ely_area", "uusimaa"), "sector"),
                                  View(None, "language")])
def test_other_background_variables_are_refused_with_nothing_released(view: View) -> None:
    assert not open_view_allowed(view)
    refused = release_open_themes(SNAPSHOT, QUESTION, WAVE, view)
    assert refused.refused == REFUSED_OPEN_VIEW and refused.is_refused
    assert refused.total is None and refused.rows == ()
    assert refused.view == view and refused.question_id == QUESTION and refused.wave == WAVE
    # the number the gate would have shown for the municipality filter is not in the refusal
    shown = release_question(SNAPSHOT, QUESTION, WAVE, View(("org_type", "municipality"))).total
    assert shown is not None and shown.base == 20
    assert "20" not in repr(refused.to_frame().to_dict())


def test_views_outside_the_menu_still_raise_like_release_question() -> None:
    with pytest.raises(MenuError):
        release_open_themes(SNAPSHOT, QUESTION, WAVE, View(("no_such_dimension", "x")))


def test_answer_languages_are_ordered_by_substantive_answers() -> None:
    # fi: 14 + 6 + 6 = 26, sv: 10 (2 without content), en: 7
    assert answer_languages_by_use(DATA, QUESTION, WAVE, ("en", "sv", "fi")) == ["fi", "sv", "en"]
    assert answer_languages_by_use(DATA, QUESTION, 2020, ("en", "sv", "fi")) == ["en", "sv", "fi"], "ties keep order"
