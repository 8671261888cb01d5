"""``python -m baro import``: load SurveyMonkey exports into the store, or draft a mapping.

    python -m baro import --wave 2023 --mapping mapping.yaml fi.csv sv.csv en.csv
    python -m baro import --dry-run --mapping mapping.yaml export.xlsx
    python -m baro import --draft-mapping fi.csv sv.csv en.csv --output mapping.yaml

Exit codes: 0 imported (or drafted), 2 validation errors (all printed; nothing written),
1 other failures (e.g. the database cannot be reached).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from baro.commands._common import policy_from_settings
from codebook import Codebook, CodebookError, Reference, load_codebook, load_reference
from codebook._loader import DEFAULT_CODEBOOK, DEFAULT_REFERENCE
from config.settings import load_settings
from data_access import create_engine_from_url, make_session_factory, upgrade_schema
from importer import (
    ImportValidationError,
    Redactor,
    draft_mapping,
    dump_yaml,
    format_problems,
    import_exports,
    load_mapping,
    redact_open_answer,
)

EXIT_INVALID = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n\n")[0] if __doc__ else None
    parser.add_argument("exports", nargs="+", type=Path, metavar="EXPORT",
                        help="SurveyMonkey exports (.csv or .xlsx) of one wave")
    parser.add_argument("--wave", type=int, help="survey wave (year), e.g. 2023")
    parser.add_argument("--mapping", type=Path, help="mapping file (YAML), see docs/import.md")
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the "
                        "SQLite file under data/)")
    parser.add_argument("--dry-run", action="store_true",
                        help="validate and print what would be imported; write nothing")
    parser.add_argument("--draft-mapping", action="store_true",
                        help="draft a mapping from the EXPORT headers and values instead")
    parser.add_argument("--output", type=Path,
                        help="with --draft-mapping: write the mapping here (default: stdout)")
    parser.add_argument("--skeleton-output", type=Path,
                        help="with --draft-mapping: write the codebook skeleton of questions the "
                        "codebook lacks here (default: next to --output, or stderr notes only)")
    parser.add_argument("--no-codebook", action="store_true",
                        help="with --draft-mapping: draft for a survey that has no codebook yet")
    parser.add_argument("--codebook", type=Path, default=DEFAULT_CODEBOOK,
                        help="codebook YAML (default: assets/codebook.yaml)")
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                        help="reference lists YAML (default: assets/reference.yaml)")
    parser.add_argument("--no-protect", action="store_true",
                        help="skip the post-load steps (hiding patterns) that otherwise run in the same "
                        "transaction; then run `python -m baro protect` before anyone reads the data")
    parser.add_argument("--keep-open-answers-unredacted", action="store_true",
                        help="store open answers as given; by default names, e-mails, phone numbers, "
                        "identity codes and organisation names are redacted before storing")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def run(args: argparse.Namespace) -> int:
    try:
        reference = load_reference(args.reference)
        codebook = None if (args.draft_mapping and args.no_codebook) else load_codebook(
            args.codebook, reference)
    except CodebookError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    if args.draft_mapping:
        return _draft(args, codebook, reference)
    if args.mapping is None:
        print("--mapping is required (or use --draft-mapping to write one)", file=sys.stderr)
        return EXIT_INVALID
    assert codebook is not None
    try:
        mapping = load_mapping(args.mapping, codebook, reference, wave=args.wave)
        factory = None
        url = args.database_url or load_settings().database_url
        if not args.dry_run or _database_exists(url):
            engine = create_engine_from_url(url)
            if not args.dry_run:
                upgrade_schema(engine)
            factory = make_session_factory(engine)
        summary = import_exports(factory, args.exports, mapping, codebook, reference,
                                 dry_run=args.dry_run, progress=not args.no_progress,
                                 protect=None if args.no_protect else policy_from_settings(),
                                 redact=_redactor(not args.keep_open_answers_unredacted))
    except ImportValidationError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"{exc}", file=sys.stderr)
        return EXIT_INVALID
    except SQLAlchemyError as exc:
        print(f"database error, nothing was imported: {exc}", file=sys.stderr)
        return 1
    if summary.warnings:
        print(format_problems(summary.warnings), file=sys.stderr)
    print(summary.describe())
    return 0


def _redactor(themes_redaction: bool) -> Redactor:
    """The themes pipeline's redaction by default (personal data stays out); identity on request."""
    if not themes_redaction:
        return redact_open_answer
    from themes import redact_text  # loads the language tools; only when asked for

    return redact_text


def _database_exists(url: str) -> bool:
    """A dry run reads an existing store (to count replacements) but never creates one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return True
    return bool(parsed.database) and Path(str(parsed.database)).is_file()


def _draft(args: argparse.Namespace, codebook: Codebook | None, reference: Reference) -> int:
    try:
        result = draft_mapping(args.exports, codebook, reference, wave=args.wave)
    except ImportValidationError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        return EXIT_INVALID
    comments = ["Drafted by `python -m baro import --draft-mapping`; check every entry, fill in",
                "each TODO, then import with --dry-run first. Format: docs/import.md.",
                *result.notes]
    text = dump_yaml(result.mapping, comments)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
        print(f"mapping draft written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    if result.skeleton is not None:
        target = args.skeleton_output
        if target is None and args.output is not None:
            target = args.output.with_name(args.output.stem + "_codebook_skeleton.yaml")
        skeleton_text = dump_yaml(result.skeleton, [
            "Codebook skeleton of the questions the codebook lacks, drafted from the export.",
            "Translate the TODO labels, choose types and scales, then merge it into the codebook."])
        if target is not None:
            target.write_text(skeleton_text, encoding="utf-8")
            print(f"codebook skeleton ({len(result.skeleton['questions'])} questions) written to "
                  f"{target}", file=sys.stderr)
        else:
            print(f"{len(result.skeleton['questions'])} question(s) are not in the codebook; "
                  "give --skeleton-output to write their skeleton", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0
