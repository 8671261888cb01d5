"""What the scale work changed outside the benchmarks: the demo's size option, the snapshot's fast
cell counting and the store's data version.

- ``scaled_parameters`` must leave the calibrated demo exactly as it was and keep every quota's sum.
- ``count_question_cells`` must equal the gate's own ``build_cells`` (array for array and by
  fingerprint), or stored hiding patterns would look stale after the change.
- ``data_version`` must change when the data or the hiding patterns are replaced, and only then.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from anonymity import SKIP, Menu, build_cells, cells_fingerprint
from codebook import load_codebook, load_reference
from data_access.demo import DemoParameters, scaled_parameters
from data_access.demo._parameters import _largest_remainder
from data_access.queries import data_version
from results._service import count_question_cells
from tests.builders import build_database, build_respondents


def test_scaling_to_the_calibrated_size_is_the_default_demo() -> None:
    assert scaled_parameters(1167) == DemoParameters()


def test_scaled_quotas_keep_their_sums_and_proportions() -> None:
    params = scaled_parameters(100_000)
    assert params.respondents_per_wave == {2020: 67866, 2023: 32134}
    for wave, total in params.respondents_per_wave.items():
        for name in ("org_type_counts", "ely_area_counts", "language_counts"):
            assert sum(getattr(params, name)[wave].values()) == total
    # Proportions hold to within one respondent of the exact share (largest remainder).
    default = DemoParameters()
    exact = default.ely_area_counts[2023]["kainuu"] * 32134 / 375
    assert abs(params.ely_area_counts[2023]["kainuu"] - exact) < 1


@pytest.mark.parametrize(("counts", "total", "expected"), [
    ({"a": 1, "b": 1, "c": 1}, 4, {"a": 2, "b": 1, "c": 1}),  # ties go to the earlier key
    ({"a": 5, "b": 3, "c": 2}, 20, {"a": 10, "b": 6, "c": 4}),
    ({"a": 7, "b": 2, "c": 1}, 3, {"a": 2, "b": 1, "c": 0}),
])
def test_largest_remainder_rounds_to_the_total(counts: dict[str, int], total: int, expected: dict[str, int]) -> None:
    assert _largest_remainder(counts, total) == expected


def test_scaling_refuses_a_size_too_small_for_both_waves() -> None:
    with pytest.raises(ValueError):
        scaled_parameters(3)


MENU = Menu(("region", "org"), {"region": ("north", "south", "NA"), "org": ("ngo", "city", "NA")})
QUESTIONS = {"single": ("y", "n", "dk"), "multi": ("a", "b", "c", "none"), "unanswered": ("p", "q")}


def _seeded_wave(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """120 respondents in uneven groups (a missing region too) and their long-form answers."""
    rng = random.Random(seed)
    people = pd.DataFrame({
        "respondent_id": rng.sample(range(1, 10_000), 120),  # unsorted ids, as a store may return them
        "region": [rng.choice(["north", "north", "south", None]) for _ in range(120)],
        "org": [rng.choice(["ngo", "city", "city"]) for _ in range(120)],
    })
    rows = []
    for rid in people["respondent_id"]:
        if rng.random() < 0.8:
            rows.append((rid, "single", rng.choice(QUESTIONS["single"])))
        if rng.random() < 0.7:
            for code in rng.sample(QUESTIONS["multi"], rng.randint(1, 3)):
                rows.append((rid, "multi", code))
            rows.append((rid, "multi", "a"))  # a duplicated tick counts once
        if rng.random() < 0.1:
            rows.append((rid, "single", None))  # an answer row without a known option still counts in the base
    rows.append((999_999, "single", "y"))  # a respondent of another wave is ignored
    rows.append((int(people["respondent_id"].iloc[0]), "other_question", "y"))  # not counted here
    answers = pd.DataFrame(rows, columns=["respondent_id", "question_id", "option_code"])
    return people, answers.sample(frac=1.0, random_state=seed).reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_count_question_cells_equals_build_cells(seed: int) -> None:
    people, answers = _seeded_wave(seed)
    population = build_cells(people, MENU)
    fast = count_question_cells(people, MENU, population, answers, QUESTIONS)
    assert set(fast) == set(QUESTIONS)
    for question_id, codes in QUESTIONS.items():
        slow = build_cells(people, MENU, answers.loc[answers["question_id"] == question_id], codes)
        assert cells_fingerprint(fast[question_id]) == cells_fingerprint(slow)
        pd.testing.assert_frame_equal(fast[question_id].labels, slow.labels)
        np.testing.assert_array_equal(fast[question_id].base, slow.base)
        pd.testing.assert_frame_equal(fast[question_id].categories, slow.categories)
    assert fast["unanswered"].base.sum() == 0
    assert fast["unanswered"].categories[SKIP].sum() == len(people)
    # The duplicated tick of "a" is counted once per respondent.
    assert fast["multi"].categories["a"].sum() <= fast["multi"].base.sum()


def test_data_version_changes_when_a_respondent_is_added(tmp_path: Path) -> None:
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    questions = [q for q in codebook.questions_in_wave(2023) if q.id == "programme_useful"]
    sizes = {("municipality", "uusimaa", "fi"): 12, ("ngo", "pirkanmaa", "fi"): 9}
    factory = build_database(f"sqlite:///{tmp_path / 'a.sqlite'}", build_respondents(sizes, questions, seed=5),
                             codebook, reference, protect=False)
    with factory() as session:
        first = data_version(session)
        assert data_version(session) == first  # reading does not change it
    with factory() as session, session.begin():
        from data_access.store import store_respondents

        extra = dataclasses.replace(build_respondents({("ngo", "lappi", "sv"): 1}, questions, seed=6)[0],
                                    source_id="extra-1")
        store_respondents(session, [extra])
    with factory() as session:
        second = data_version(session)
    assert second != first
    assert second.split(":")[0] == str(int(first.split(":")[0]) + 1)


@pytest.mark.parametrize("seed", [4, 5])
def test_count_open_cells_equals_build_open_cells(seed: int) -> None:
    from results._open_cells import NO_CONTENT, UNCODED, build_open_cells
    from results._service import count_open_cells

    people, _ = _seeded_wave(seed)
    rng = random.Random(seed)
    themes = {"open_a": ("t1", "t2", "t3"), "open_b": ("t4",)}
    rows = []
    for rid in people["respondent_id"]:
        for qid, ids in themes.items():
            roll = rng.random()
            if roll < 0.5:
                rows += [(rid, qid, theme) for theme in rng.sample(ids, rng.randint(1, len(ids)))]
            elif roll < 0.6:
                rows.append((rid, qid, UNCODED))
            elif roll < 0.7:
                rows.append((rid, qid, NO_CONTENT))
    codes = pd.DataFrame(rows, columns=["respondent_id", "question_id", "option_code"])
    population = build_cells(people, MENU)
    fast = count_open_cells(people, MENU, population, codes, themes)
    for qid, ids in themes.items():
        slow = build_open_cells(people, MENU, codes.loc[codes["question_id"] == qid], ids)
        assert cells_fingerprint(fast[qid]) == cells_fingerprint(slow)


def test_snapshot_from_database_counts_equals_snapshot_from_rows(tmp_path: Path) -> None:
    """load_snapshot counts closed answers in SQL; the cells equal those made from the answer rows."""
    from anonymity import Policy
    from data_access.queries import load_all_answers, load_respondents
    from results import load_snapshot, snapshot_from_frames

    reference = load_reference()
    codebook = load_codebook(reference=reference)
    questions = [q for q in codebook.questions_in_wave(2023) if q.type in ("single", "multi", "agreement5")][:6]
    sizes = {("municipality", "uusimaa", "fi"): 14, ("ngo", "uusimaa", "sv"): 6, ("ngo", "pirkanmaa", "fi"): 9,
             ("company", "lappi", "en"): 3, ("religious", "kainuu", "fi"): 2}
    factory = build_database(f"sqlite:///{tmp_path / 's.sqlite'}", build_respondents(sizes, questions, seed=8),
                             codebook, reference, protect=False)
    policy = Policy()
    with factory() as session:
        from_counts = load_snapshot(session, codebook, reference, policy)
        respondents = load_respondents(session)
        from_rows = snapshot_from_frames(respondents, {2023: load_all_answers(session, 2023)}, codebook, reference,
                                         policy)
    assert set(from_counts.cells) == set(from_rows.cells)
    assert len(from_counts.cells) > len(questions)
    for key, table in from_rows.cells.items():
        assert cells_fingerprint(from_counts.cells[key]) == cells_fingerprint(table), key
