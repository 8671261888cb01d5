"""Released tables with known answer counts, made through the real gate, for unit tests.

Menu: one dimension ``region`` (north, south, west, east, not answered). Agreement item ``agree``
(options 1–5 and "dk"), answer counts per region (every respondent answers):

    region  1  2  3  4  5  dk   base
    north   0  1  2  4  2  1     10
    south   1  2  2  2  1  0      8
    west    0  0 12  0  0  0     12
    east    1  0  1  0  1  0      3   (under k = 5: hidden)

Hand-computed for north: mean of the 9 scale answers 34/9 = 3.7778, s² = 7.5556/8, t(0.975, 8) =
2.306004, interval 3.0308–4.5248; agree (4–5) 6/10 with Wilson 0.3127–0.8318.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from anonymity import NOT_STATED, Menu, Policy, ReleasedTable, View, build_cells, protect, release_view

MENU = Menu(("region",), {"region": ("north", "south", "west", "east", NOT_STATED)})
AGREE_CODES = ("1", "2", "3", "4", "5", "dk")
AGREE_VALUES: tuple[float | None, ...] = (1.0, 2.0, 3.0, 4.0, 5.0, None)
AGREE_COUNTS: dict[str, dict[str, int]] = {
    "north": {"1": 0, "2": 1, "3": 2, "4": 4, "5": 2, "dk": 1},
    "south": {"1": 1, "2": 2, "3": 2, "4": 2, "5": 1, "dk": 0},
    "west": {"1": 0, "2": 0, "3": 12, "4": 0, "5": 0, "dk": 0},
    "east": {"1": 1, "2": 0, "3": 1, "4": 0, "5": 1, "dk": 0},
}


def release_counts(
    counts: Mapping[str, Mapping[str, int]],
    view: View,
    *,
    question_type: str = "agreement5",
    option_codes: Sequence[str] = AGREE_CODES,
    option_values: Sequence[float | None] = AGREE_VALUES,
    dont_know_codes: Sequence[str] = ("dk",),
    skipped: Mapping[str, int] | None = None,
    multi_ticks: Mapping[str, Sequence[Sequence[str]]] | None = None,
    wave: int = 2023,
) -> ReleasedTable:
    """Release ``view`` of a question whose single answers per region are ``counts``.

    ``skipped`` adds respondents per region who did not answer. ``multi_ticks`` (for multi-select)
    gives each respondent's ticked options per region instead of ``counts``.
    """
    people: list[tuple[int, str]] = []
    answers: list[tuple[int, str]] = []
    if multi_ticks is not None:
        for region, respondents in multi_ticks.items():
            for ticks in respondents:
                rid = len(people)
                people.append((rid, region))
                answers.extend((rid, code) for code in ticks)
    else:
        for region, per_option in counts.items():
            for code, n in per_option.items():
                for _ in range(n):
                    rid = len(people)
                    people.append((rid, region))
                    answers.append((rid, code))
    for region, n in (skipped or {}).items():
        for _ in range(n):
            people.append((len(people), region))
    frame = pd.DataFrame(people, columns=["respondent_id", "region"])
    answer_frame = pd.DataFrame(answers, columns=["respondent_id", "option_code"])
    cells = build_cells(frame, MENU, answer_frame, option_codes)
    assert cells.categories is not None
    categories = cells.categories[list(option_codes)].to_numpy()
    pattern = protect(cells.labels, cells.population, cells.base, categories, MENU, Policy())
    return release_view(cells, view, pattern, MENU, Policy(), wave=wave, question_id="q", question_type=question_type,
                        option_codes=option_codes, option_values=option_values, dont_know_codes=dont_know_codes)


def agreement_table(view: View = View(None, "region")) -> ReleasedTable:  # noqa: B008 - View is frozen
    return release_counts(AGREE_COUNTS, view)
