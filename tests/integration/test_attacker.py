"""An attacker who only has ``python -m baro release`` tries to recover the smallest groups.

The attacker releases every view of the menu (respondent counts and one question), knows the
public category lists, and solves for the smallest group's size and answering base with linear
programming over all released numbers at once (non-negative cell counts). Protection holds when
the minimum and maximum consistent with everything released differ.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog

from analysis.groupings import build_menu, sector_classes
from codebook import Codebook, Reference
from data_access import create_engine_from_url, load_respondents, make_session_factory
from tests.builders import build_database, build_respondents

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "dialogue_national"

#: A 2023 survey with really small groups: Kainuu 2, Åland 1, a lone Swedish-speaking company.
SIZES = {
    ("municipality", "uusimaa", "fi"): 40, ("ngo", "uusimaa", "fi"): 35, ("ngo", "uusimaa", "sv"): 6,
    ("education", "uusimaa", "fi"): 10, ("municipality", "pirkanmaa", "fi"): 14, ("ngo", "pirkanmaa", "fi"): 11,
    ("municipality", "pohjanmaa", "sv"): 7, ("ngo", "pohjanmaa", "sv"): 5, ("municipality", "lappi", "fi"): 8,
    ("ngo", "lappi", "en"): 3, ("municipality", "kainuu", "fi"): 1, ("ngo", "kainuu", "fi"): 1,
    ("ngo", "aland", "sv"): 1, ("company", "pirkanmaa", "sv"): 1, ("company", "uusimaa", "fi"): 3,
    ("religious", "uusimaa", "fi"): 2, ("education", "pirkanmaa", "en"): 6,
}


@functools.cache
def release_all_views(database_url: str, question: str) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": database_url}
    out = subprocess.run(
        [sys.executable, "-m", "baro", "release", "--question", question, "--wave", "2023", "--all-views"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300,
    )
    return [json.loads(line) for line in out.stdout.splitlines()]


def attacker_bounds(
    tables: list[dict], reference: Reference, target: dict[str, str], quantity: str
) -> tuple[float, float]:
    """Min and max of the target group's ``quantity`` (population or base) over all consistent data."""
    menu = build_menu(reference)
    sectors = sector_classes(reference)
    orgs, elys, langs = (menu.categories[d] for d in ("org_type", "ely_area", "language"))
    cells = list(itertools.product(orgs, elys, langs))

    def member(cell: tuple[str, str, str], group: dict[str, str]) -> bool:
        values = {"org_type": cell[0], "ely_area": cell[1], "language": cell[2],
                  "sector": sectors.get(cell[0], cell[0])}
        return all(values[d] == v for d, v in group.items())

    rows, rhs = [], []
    for table in tables:
        for row in ([table["total"]] if table["total"] else []) + table["rows"]:
            if row["hidden"]:
                continue
            mask = np.array([member(c, row["group"]) for c in cells], dtype=float)
            rows.append(mask)
            rhs.append(row[quantity])
    target_mask = np.array([member(c, target) for c in cells], dtype=float)
    a_eq, b_eq = np.array(rows), np.array(rhs, dtype=float)
    low = linprog(target_mask, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    high = linprog(-target_mask, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    assert low.status == 0 and high.status in (0, 3)
    return float(low.fun), (float("inf") if high.status == 3 else float(-high.fun))


@pytest.fixture(scope="module")
def small_group_database(tmp_path_factory: pytest.TempPathFactory, codebook: Codebook, reference: Reference) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('attack') / 'store.sqlite'}"
    build_database(url, build_respondents(SIZES, codebook.questions, wave=2023, seed=11), codebook, reference)
    return url


@pytest.mark.parametrize(
    "target",
    [{"ely_area": "aland"}, {"ely_area": "kainuu"}, {"org_type": "company", "language": "sv"},
     {"org_type": "religious"}, {"ely_area": "lappi", "language": "en"}],
    ids=["aland-1", "kainuu-2", "swedish-company-1", "religious-2", "english-lappi-3"],
)
@pytest.mark.parametrize("question", ["respondents", QUESTION])
def test_differencing_through_the_cli_cannot_recover_small_groups(
    small_group_database: str, reference: Reference, target: dict[str, str], question: str,
) -> None:
    tables = release_all_views(small_group_database, question)
    assert len(tables) == 157  # the whole menu for one question and wave
    for quantity in ("population",) if question == "respondents" else ("population", "base"):
        low, high = attacker_bounds(tables, reference, target, quantity)
        assert high - low >= 1, f"{target} {quantity} pinned to {low}"


def test_the_attacker_really_sees_the_data(small_group_database: str, reference: Reference) -> None:
    """Sanity check of the attack: a group of k or more is recovered exactly (it is shown)."""
    tables = release_all_views(small_group_database, "respondents")
    low, high = attacker_bounds(tables, reference, {"ely_area": "uusimaa"}, "population")
    with make_session_factory(create_engine_from_url(small_group_database))() as session:
        truth = int((load_respondents(session, 2023)["ely_area"] == "uusimaa").sum())
    assert low == high == truth
