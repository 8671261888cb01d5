"""Round trip: records -> SurveyMonkey-style exports -> import -> the same records in the store.

For the demo survey the imported store also gives the gate exactly the same cells as the store the
demo builder writes directly, so every released table is the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from anonymity import Policy, cells_fingerprint, protect_wave, release_view
from codebook import Codebook, Reference
from data_access import (
    RespondentRecord,
    create_engine_from_url,
    make_session_factory,
    models,
    upgrade_schema,
)
from data_access.demo import build_demo_database, generate_demo_respondents
from importer import build_mapping, import_exports, parse_mapping, write_exports
from results import load_snapshot
from tests.builders import build_respondents

Store = dict[tuple[int, str], tuple[object, ...]]

#: 2023 groups of the builder round trip: 9 + 5 + 4 respondents in fi, sv and en.
SIZES = {("municipality", "uusimaa", "fi"): 9, ("ngo", "pirkanmaa", "sv"): 5,
         ("company", "lappi", "en"): 4}


def as_store(records: Iterable[RespondentRecord]) -> Store:
    return {(r.wave, r.source_id): (
        r.survey_language, r.org_type, r.ely_area, r.submitted_at,
        tuple(sorted(((a.question_id, a.option_code, a.value_num, a.value_text)
                      for a in r.answers), key=repr))) for r in records}


def dump(factory: sessionmaker[Session]) -> Store:
    with factory() as session:
        respondents = {r.id: r for r in session.scalars(select(models.Respondent))}
        answers: dict[int, list[tuple[object, ...]]] = {rid: [] for rid in respondents}
        for a in session.scalars(select(models.Answer)):
            answers[a.respondent_id].append((a.question_id, a.option_code, a.value_num,
                                             a.value_text))
    return {(r.wave, r.source_id): (r.survey_language, r.org_type, r.ely_area, r.submitted_at,
                                    tuple(sorted(answers[rid], key=repr)))
            for rid, r in respondents.items()}


def migrated(url: str) -> sessionmaker[Session]:
    engine = create_engine_from_url(url)
    upgrade_schema(engine)
    return make_session_factory(engine)


def import_waves(factory: sessionmaker[Session], paths: list[Path], waves: Iterable[int],
                 codebook: Codebook, reference: Reference, *, multilingual: bool = False) -> int:
    written = 0
    for wave in waves:
        mapping, problems = parse_mapping(
            build_mapping(codebook, reference, wave, multilingual=multilingual), codebook,
            reference)
        assert mapping is not None and problems == []
        wave_paths = [p for p in paths if f"_{wave}_" in p.name]
        summary = import_exports(factory, wave_paths, mapping, codebook, reference,
                                 progress=False)
        assert summary.warnings == []
        written += summary.written
    return written


def test_round_trip_on_both_back_ends(database_url: str, tmp_path: Path, codebook: Codebook,
                                      reference: Reference) -> None:
    records = build_respondents(SIZES, codebook.questions, wave=2023, seed=21)
    paths = write_exports(records, codebook, reference, tmp_path, formats=("csv",))
    factory = migrated(database_url)
    try:
        assert import_waves(factory, paths, [2023], codebook, reference) == 18
        assert dump(factory) == as_store(records)
    finally:
        factory.kw["bind"].dispose()


@pytest.mark.parametrize(
    ("fmt", "layout", "multilingual"),
    [("xlsx", "two_rows", False), ("csv", "one_row", False), ("xlsx", "one_row", False),
     ("csv", "two_rows", True)],
)
def test_round_trip_of_each_format_and_layout(fmt: str, layout: str, multilingual: bool,
                                              tmp_path: Path, codebook: Codebook,
                                              reference: Reference) -> None:
    records = build_respondents(SIZES, codebook.questions, wave=2023, seed=22)
    paths = write_exports(records, codebook, reference, tmp_path / "exports",
                          formats=(fmt,), layout=layout, multilingual=multilingual)  # type: ignore[arg-type]
    factory = migrated(f"sqlite:///{tmp_path / 'store.sqlite'}")
    assert import_waves(factory, paths, [2023], codebook, reference,
                        multilingual=multilingual) == 18
    assert dump(factory) == as_store(records)


def test_demo_survey_round_trip_gives_the_same_released_data(
        tmp_path: Path, codebook: Codebook, reference: Reference) -> None:
    records = generate_demo_respondents(7, codebook=codebook, reference=reference)
    paths = write_exports(records, codebook, reference, tmp_path / "exports", formats=("csv",))
    imported = migrated(f"sqlite:///{tmp_path / 'imported.sqlite'}")
    assert import_waves(imported, paths, [2020, 2023], codebook, reference) == len(records)
    # Both waves, open answers (with the generator's planted personal data) included, exactly.
    assert dump(imported) == as_store(records)

    direct_url = f"sqlite:///{tmp_path / 'direct.sqlite'}"
    assert build_demo_database(direct_url, seed=7) == {2020: 792, 2023: 375}
    direct = make_session_factory(create_engine_from_url(direct_url))
    with imported() as a, direct() as b:
        via_import = load_snapshot(a, codebook, reference, Policy())
        via_builder = load_snapshot(b, codebook, reference, Policy())
    # The gate sees only these cells; the hiding patterns and every released table are a
    # deterministic function of them (and of the menu and k, which are the same).
    assert sorted(via_import.cells) == sorted(via_builder.cells)
    expected_tables = sum(1 + len(via_builder.released_questions(w)) for w in (2020, 2023))
    assert len(via_import.cells) == expected_tables
    for key, cells in via_builder.cells.items():
        assert cells_fingerprint(via_import.cells[key]) == cells_fingerprint(cells), key
    # And the released tables themselves: protect 2023's respondent counts and three questions in
    # both stores and compare every view of the menu.
    questions = ("programme_useful", "nat_benefits", "coop_grade_national")
    released = []
    for snapshot in (via_import, via_builder):
        population, by_question = protect_wave(
            snapshot.cells[(2023, "")], {q: snapshot.cells[(2023, q)] for q in questions}, snapshot.menu,
            snapshot.policy)
        tables = [release_view(snapshot.cells[(2023, "")], view, population, snapshot.menu, snapshot.policy,
                               wave=2023).to_frame() for view in snapshot.menu.views()]
        for q in questions:
            tables += [release_view(snapshot.cells[(2023, q)], view, by_question[q], snapshot.menu, snapshot.policy,
                                    wave=2023, question_id=q,
                                    option_codes=codebook.question(q).option_codes).to_frame()
                       for view in snapshot.menu.views()]
        released.append(tables)
    assert len(released[0]) == 4 * 157
    for imported_table, direct_table in zip(*released, strict=True):
        pd.testing.assert_frame_equal(imported_table, direct_table)
