"""``python -m baro release``: the gate's released tables, headless, exactly as the pages show them.

JSON shape (documented in docs/anonymity.md): question, wave, view (filter, by), k, refused,
hidden_groups, total and rows; each row has its dimension values, hidden, population and base
(null when hidden) and per option count and share (null when hidden), plus the mean where the
question has a numeric scale.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from anonymity import MenuError, ReleasedRow, ReleasedTable, ReleaseError, View
from baro.commands._common import add_database_argument, policy_from_settings, session_factory
from codebook import load_codebook, load_reference
from results import SurveySnapshot, load_snapshot, release_population, release_question

POPULATION_QUESTION = "respondents"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", help=f"question id, or {POPULATION_QUESTION!r} for respondent counts")
    parser.add_argument("--wave", type=int, action="append", help="wave (2020 or 2023); repeat for both")
    parser.add_argument("--by", help="breakdown dimension")
    parser.add_argument("--filter", help="DIMENSION=VALUE")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--list", action="store_true", help="list questions, dimensions and values")
    parser.add_argument("--all-views", action="store_true",
                        help="release every view of the menu for the question and wave(s), one JSON object a line")
    add_database_argument(parser)


def row_to_dict(table: ReleasedTable, row: ReleasedRow) -> dict[str, Any]:
    """One group as JSON: numbers are null when hidden; the mean where the scale is numeric."""
    out: dict[str, Any] = {"group": dict(row.key), "hidden": row.hidden,
                           "population": row.population, "base": row.base}
    if table.option_codes:
        out["options"] = {code: {"count": row.count(code), "share": row.share(code)} for code in table.option_codes}
        out["mean"] = _mean(table, row)
    return out


def _mean(table: ReleasedTable, row: ReleasedRow) -> float | None:
    if row.hidden or table.question_type not in ("agreement5", "grade10"):
        return None
    pairs = [(v, row.count(c) or 0) for c, v in zip(table.option_codes, table.option_values, strict=True)
             if v is not None]
    n = sum(count for _, count in pairs)
    return None if n == 0 else sum(v * count for v, count in pairs) / n


def table_to_dict(table: ReleasedTable) -> dict[str, Any]:
    return {
        "question": table.question_id or POPULATION_QUESTION,
        "wave": table.wave,
        "view": {"filter": None if table.view.filter is None else "=".join(table.view.filter), "by": table.view.by},
        "k": table.k,
        "refused": table.refused,
        "hidden_groups": table.hidden_count,
        "total": None if table.total is None else row_to_dict(table, table.total),
        "rows": [row_to_dict(table, r) for r in table.rows],
    }


def _print_list(snapshot: SurveySnapshot) -> None:
    print("questions:")
    for question in snapshot.codebook.questions:
        if any((w, question.id) in snapshot.cells for w in snapshot.waves):
            print(f"  {question.id}  [{question.type}; waves {', '.join(map(str, question.waves))}]")
    print(f"  {POPULATION_QUESTION}  [respondent counts]")
    print("dimensions:")
    for dim in snapshot.menu.dimensions:
        print(f"  {dim}: {', '.join(snapshot.menu.categories[dim])}")
    print(f"waves: {', '.join(map(str, snapshot.waves))}")


def _release(snapshot: SurveySnapshot, question: str, wave: int, view: View) -> ReleasedTable:
    if question == POPULATION_QUESTION:
        return release_population(snapshot, wave, view)
    return release_question(snapshot, question, wave, view)


def _print_all_views(snapshot: SurveySnapshot, question: str, waves: list[int]) -> int:
    try:
        for wave in waves:
            for view in snapshot.menu.views():
                print(json.dumps(table_to_dict(_release(snapshot, question, wave, view)), ensure_ascii=False))
    except (MenuError, ReleaseError) as exc:
        return _fail(str(exc))
    return 0


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    with session_factory(args)() as session:
        snapshot = load_snapshot(session, codebook, reference, policy_from_settings())
    if args.list:
        _print_list(snapshot)
        return 0
    if not args.question or not args.wave:
        return _fail("--question and --wave are required (or use --list)")
    if args.all_views:
        return _print_all_views(snapshot, args.question, args.wave)
    view_filter = None
    if args.filter:
        if "=" not in args.filter:
            return _fail(f"--filter must be DIMENSION=VALUE, got {args.filter!r}")
        dim, value = args.filter.split("=", 1)
        view_filter = (dim, value)
    try:
        view = snapshot.menu.validate(View(view_filter, args.by))
        tables = [_release(snapshot, args.question, wave, view) for wave in args.wave]
    except (MenuError, ReleaseError) as exc:
        return _fail(str(exc))
    if args.format == "json":
        payload: Any = table_to_dict(tables[0]) if len(tables) == 1 else [table_to_dict(t) for t in tables]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for position, table in enumerate(tables):
            frame = table.to_frame()
            frame.insert(0, "wave", table.wave)
            frame.to_csv(sys.stdout, index=False, header=position == 0, lineterminator="\n")
    return 0
