"""Importing into SQLite and PostgreSQL: what is stored, personal data, idempotence, atomicity."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Session, sessionmaker

from codebook import Codebook, Reference
from data_access import create_engine_from_url, make_session_factory, models, upgrade_schema
from importer import (
    ImportMapping,
    ImportValidationError,
    import_exports,
    load_mapping,
    parse_mapping,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
GOOD = [DATA / "wave2023_fi.csv", DATA / "wave2023_sv.csv",
        DATA / "wave2023_en_single_header.csv"]
PERSONAL = ("192.0.2.", "example.invalid", "Henkilö", "Testaaja", "Keksitty", "panel-")

Dump = dict[tuple[int, str], tuple[object, ...]]


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine = create_engine_from_url(database_url)
    upgrade_schema(engine)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


@pytest.fixture
def mapping(codebook: Codebook, reference: Reference) -> ImportMapping:
    return load_mapping(DATA / "mapping.yaml", codebook, reference)


def dump(factory: sessionmaker[Session]) -> Dump:
    """Every respondent with its answers, independent of database ids."""
    with factory() as session:
        out: dict[tuple[int, str], tuple[object, ...]] = {}
        by_id: dict[int, tuple[int, str]] = {}
        for r in session.scalars(select(models.Respondent)):
            by_id[r.id] = (r.wave, r.source_id)
            out[(r.wave, r.source_id)] = (r.survey_language, r.org_type, r.ely_area,
                                          r.submitted_at)
        answers: dict[tuple[int, str], list[tuple[object, ...]]] = {k: [] for k in out}
        for a in session.scalars(select(models.Answer)):
            answers[by_id[a.respondent_id]].append((a.question_id, a.option_code, a.value_num,
                                                    a.value_text))
    return {k: (*v, tuple(sorted(answers[k], key=repr))) for k, v in out.items()}


def run(factory: sessionmaker[Session], paths: list[Path], mapping: ImportMapping,
        codebook: Codebook, reference: Reference, **kwargs: object) -> object:
    return import_exports(factory, paths, mapping, codebook, reference, progress=False,
                          **kwargs)  # type: ignore[arg-type]


def test_import_stores_the_respondents(factory: sessionmaker[Session], mapping: ImportMapping,
                                       codebook: Codebook, reference: Reference) -> None:
    summary = import_exports(factory, GOOD, mapping, codebook, reference, progress=False)
    assert (summary.written, summary.existing) == (8, 0)
    stored = dump(factory)
    assert len(stored) == 8
    assert stored[(2023, "118123456702")] == (
        "fi", "ngo", "pirkanmaa", stored[(2023, "118123456702")][3], (
            ("coop_grade_municipal", "5", 5.0, None), ("dialogue_municipal", "1", 1.0, None),
            ("dialogue_regional", "2", 2.0, None),
            ("nat_participation_forms", "none", None, None),
            ("open_comments", None, None, "Hallituksen jäsen"), ("role", "other", None, None)))
    languages = sorted(v[0] for v in stored.values())
    assert languages == ["en", "en", "fi", "fi", "fi", "fi", "sv", "sv"]
    with factory() as session:
        assert session.scalar(select(models.Question.id).where(
            models.Question.id == "role")) == "role"


def test_personal_data_is_never_stored(factory: sessionmaker[Session], mapping: ImportMapping,
                                       codebook: Codebook, reference: Reference) -> None:
    run(factory, GOOD, mapping, codebook, reference)
    texts: list[str] = []
    with factory() as session:
        for model in (models.Wave, models.Question, models.Option, models.Respondent,
                      models.Answer):
            columns = [c for c in model.__table__.columns if isinstance(c.type, (String, Text))]
            if not columns:
                continue
            for row in session.execute(select(*columns)):
                texts.extend(str(v) for v in row if v is not None)
    assert len(texts) > 100
    for text in texts:
        for personal in PERSONAL:
            assert personal not in text


def test_reimport_is_idempotent(factory: sessionmaker[Session], mapping: ImportMapping,
                                codebook: Codebook, reference: Reference) -> None:
    run(factory, GOOD, mapping, codebook, reference)
    first = dump(factory)
    summary = import_exports(factory, GOOD, mapping, codebook, reference, progress=False)
    assert summary.existing == 8
    assert dump(factory) == first
    with factory() as session:
        assert len(session.scalars(select(models.Respondent.id)).all()) == 8
        assert len(session.scalars(select(models.Answer.id)).all()) == 37


def test_reimport_replaces_changed_answers(tmp_path: Path, factory: sessionmaker[Session],
                                           mapping: ImportMapping, codebook: Codebook,
                                           reference: Reference) -> None:
    run(factory, [DATA / "wave2023_sv.csv"], mapping, codebook, reference)
    corrected = tmp_path / "wave2023_sv.csv"
    text = (DATA / "wave2023_sv.csv").read_text(encoding="utf-8")
    corrected.write_text(text.replace("Sakkunnig eller planerare", "Projektanställd"),
                         encoding="utf-8")
    run(factory, [corrected], mapping, codebook, reference)
    roles = [a for a in dump(factory)[(2023, "118123456801")][4] if a[0] == "role"]
    assert roles == [("role", "project_worker", None, None)]


def test_an_error_imports_nothing(factory: sessionmaker[Session], mapping: ImportMapping,
                                  codebook: Codebook, reference: Reference) -> None:
    run(factory, [DATA / "wave2023_sv.csv"], mapping, codebook, reference)
    before = dump(factory)
    with pytest.raises(ImportValidationError):
        run(factory, [DATA / "wave2023_fi.csv", DATA / "bad_values.csv"], mapping, codebook,
            reference)
    assert dump(factory) == before
    assert len(before) == 2


def test_dry_run_writes_nothing(factory: sessionmaker[Session], mapping: ImportMapping,
                                codebook: Codebook, reference: Reference) -> None:
    run(factory, [DATA / "wave2023_sv.csv"], mapping, codebook, reference)
    before = dump(factory)
    summary = import_exports(factory, GOOD, mapping, codebook, reference, dry_run=True,
                             progress=False)
    assert (summary.respondents, summary.existing, summary.written) == (8, 2, 0)
    assert dump(factory) == before


def test_the_same_respondents_in_another_wave_are_kept_apart(
        tmp_path: Path, factory: sessionmaker[Session], codebook: Codebook,
        reference: Reference, mapping: ImportMapping) -> None:
    run(factory, [DATA / "wave2023_sv.csv"], mapping, codebook, reference)
    # The national activities were not asked in 2020: their columns are ignored on purpose.
    document = yaml.safe_load((DATA / "mapping.yaml").read_text(encoding="utf-8"))
    document["wave"] = 2020
    document["columns"] = [c for c in document["columns"]
                           if c.get("question") not in ("nat_participation_forms",)]
    document["ignore"] = ["I vilken nationell verksamhet inom partnerskapsprogrammet har er "
                          "organisation deltagit?"]
    mapping_2020, problems = parse_mapping(document, codebook, reference)
    assert mapping_2020 is not None and problems == []
    copy = tmp_path / "wave2023_sv.csv"
    shutil.copy(DATA / "wave2023_sv.csv", copy)
    run(factory, [copy], mapping_2020, codebook, reference)
    stored = dump(factory)
    assert sorted(stored) == [(2020, "118123456801"), (2020, "118123456802"),
                              (2023, "118123456801"), (2023, "118123456802")]


def test_dry_run_against_a_store_without_schema(database_url: str, mapping: ImportMapping,
                                                codebook: Codebook, reference: Reference) -> None:
    engine = create_engine_from_url(database_url)  # no migration: the tables do not exist
    try:
        summary = import_exports(make_session_factory(engine), GOOD, mapping, codebook,
                                 reference, dry_run=True, progress=False)
    finally:
        engine.dispose()
    assert (summary.respondents, summary.existing) == (8, None)
