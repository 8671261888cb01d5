"""Damaged exports: every problem, of every file, with file, row and column, in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codebook import Codebook, Reference, load_codebook, load_reference
from importer import (
    ImportMapping,
    ImportValidationError,
    Problem,
    format_problems,
    load_mapping,
    validate_exports,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def codebook(reference: Reference) -> Codebook:
    return load_codebook(reference=reference)


@pytest.fixture(scope="module")
def mapping(codebook: Codebook, reference: Reference) -> ImportMapping:
    return load_mapping(DATA / "mapping.yaml", codebook, reference)


def errors(paths: list[Path], mapping: ImportMapping, codebook: Codebook,
           reference: Reference) -> list[Problem]:
    with pytest.raises(ImportValidationError) as caught:
        validate_exports(paths, mapping, codebook, reference, progress=False)
    return [p for p in caught.value.problems if p.severity == "error"]


def brief(problems: list[Problem]) -> list[tuple[str, int | None, str | None, str]]:
    """(file, row, column letter, message up to the first colon or parenthesis)."""
    return [(p.file, p.row, p.column.split(" ")[0] if p.column else None,
             p.message.split(" (")[0].split(": ")[0]) for p in problems]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("damaged_scientific_ids.csv", [
            (3, "A", "Excel has turned the Respondent ID into scientific notation"),
            (4, "A", "Excel has turned the Respondent ID into scientific notation"),
        ]),
        ("damaged_hash_dates.csv", [(4, "D", "Excel shows '#####' here")]),
        ("duplicate_ids.csv", [(5, "A", "duplicate Respondent ID '118123456701'")]),
        ("bad_values.csv", [
            (3, "L", "not an option of role"),
            (4, "P", "value out of range"),
            (5, "N", "not an option of dialogue_municipal"),
            (6, "Q", "not an option of nat_participation_forms"),
        ]),
        ("empty_rows.csv", [(4, None, "the row is entirely empty"),
                            (6, None, "the row is entirely empty")]),
        ("unmapped_column.csv", [(2, "U", "this column is not in the mapping")]),
        ("unknown_layout.csv", [(1, None, "header layout not recognised")]),
    ],
)
def test_each_kind_of_damage(name: str, expected: list[tuple[int, str | None, str]],
                             mapping: ImportMapping, codebook: Codebook,
                             reference: Reference) -> None:
    found = brief(errors([DATA / name], mapping, codebook, reference))
    assert found == [(name, *e) for e in expected]


def test_messages_quote_the_bad_value(mapping: ImportMapping, codebook: Codebook,
                                      reference: Reference) -> None:
    found = errors([DATA / "bad_values.csv"], mapping, codebook, reference)
    assert "'Pomo'" in found[0].message
    assert "'11'" in found[1].message and "runs 1..10" in found[1].message
    assert "'Samaa mieltä'" in found[2].message
    assert "'kyllä?'" in found[3].message
    duplicate = errors([DATA / "duplicate_ids.csv"], mapping, codebook, reference)[0]
    assert "first in duplicate_ids.csv, row 3" in duplicate.message


def test_all_files_are_checked_in_one_run(mapping: ImportMapping, codebook: Codebook,
                                          reference: Reference) -> None:
    names = ["damaged_scientific_ids.csv", "damaged_hash_dates.csv", "bad_values.csv",
             "empty_rows.csv", "unmapped_column.csv", "unknown_layout.csv",
             "wave2023_sv.csv"]
    found = errors([DATA / n for n in names], mapping, codebook, reference)
    files = {p.file for p in found}
    assert files == set(names) - {"wave2023_sv.csv"}
    kinds = [p.message.split(" (")[0].split(":")[0] for p in found]
    # 2 ids + 1 date + 4 values + 2 empty rows + 1 column + 1 layout, and the damaged files share
    # respondents: 118123456701 of damaged_hash_dates.csv comes again in empty_rows.csv.
    assert len(found) == 12
    assert [k for k in kinds if k.startswith("duplicate")] == [
        "duplicate Respondent ID '118123456701'"]


def test_duplicates_across_files(tmp_path: Path, mapping: ImportMapping, codebook: Codebook,
                                 reference: Reference) -> None:
    copy = tmp_path / "again_fi.csv"
    shutil.copy(DATA / "wave2023_fi.csv", copy)
    found = errors([DATA / "wave2023_fi.csv", copy], mapping, codebook, reference)
    assert [(p.file, p.row) for p in found] == [("again_fi.csv", r) for r in (3, 4, 5, 6)]
    assert "first in wave2023_fi.csv, row 3" in found[0].message


def test_same_file_twice(mapping: ImportMapping, codebook: Codebook,
                         reference: Reference) -> None:
    found = errors([DATA / "wave2023_sv.csv", DATA / "wave2023_sv.csv"], mapping, codebook,
                   reference)
    assert found[0].message == "the same file name is given twice"


def test_warnings_do_not_stop_an_import(mapping: ImportMapping, codebook: Codebook,
                                        reference: Reference) -> None:
    summary = validate_exports([DATA / "excel_mac_roman_fi.csv"], mapping, codebook, reference)
    assert summary.respondents == 4
    assert [w.severity for w in summary.warnings] == ["warning"]
    assert summary.files[0].personal_columns == [
        "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]


def test_summary_counts(mapping: ImportMapping, codebook: Codebook,
                        reference: Reference) -> None:
    summary = validate_exports([DATA / "wave2023_fi.csv", DATA / "wave2023_sv.csv",
                                DATA / "wave2023_en_single_header.csv"], mapping, codebook,
                               reference)
    assert (summary.respondents, summary.answers, summary.open_answers) == (8, 37, 6)
    assert summary.by_language == {"fi": 4, "sv": 2, "en": 2}
    assert summary.by_question["org_type"] == 7
    assert summary.by_question["role"] == 7
    assert summary.by_question["open_comments"] == 2
    text = summary.describe()
    assert "would import 8 respondents with 37 answers (6 open answers)" in text
    assert "personal data left out: IP Address, Email Address, FirstName, LastName" in text


def test_format_problems_shortens_repeats() -> None:
    problems = [Problem("big.csv", f"not an option of role: 'x{n}'", n + 3, "L (role)")
                for n in range(25)]
    problems.append(Problem("big.csv", "not UTF-8", severity="warning"))
    text = format_problems(problems, per_kind=20)
    lines = text.splitlines()
    assert lines[0].startswith("error: big.csv, row 3, column L (role): not an option of role")
    assert "  ... and 5 more like this in big.csv" in lines
    assert lines[-2] == "warning: big.csv: not UTF-8"
    assert lines[-1] == "25 error(s), 1 warning(s)"
