"""``python -m baro release``: the gate's released tables, headless, exactly as the pages show them.

JSON shape (documented in docs/anonymity.md): question, wave, view (filter, by), k, refused,
hidden_groups, total and rows; each row has its dimension values, hidden, population and base
(null when hidden) and per option count and share (null when hidden), plus the mean where the
question has a numeric scale.

``--compare`` (with ``--wave 2020 --wave 2023``) releases wave comparisons instead: each group's
value in both waves and the change with its 95 % interval, built only from the two waves'
released tables (docs/comparisons.md); ``--question all --compare`` gives the What changed
ranking with Benjamini–Hochberg.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

import results
from analysis.comparison import (
    CHANGE_MEASURES,
    AdjustedChange,
    Difference,
    ItemComparison,
    SideValue,
    comparison_frame,
    measures_of,
    ranking_frame,
)
from anonymity import MenuError, ReleasedRow, ReleasedTable, ReleaseError, View
from baro.commands._common import add_database_argument, policy_from_settings, session_factory
from codebook import load_codebook, load_reference
from results import SurveySnapshot, load_snapshot, release_population, release_question

POPULATION_QUESTION = "respondents"
#: ``--question all --compare``: every comparable item (the What changed ranking).
ALL_QUESTIONS = "all"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", help=f"question id, or {POPULATION_QUESTION!r} for respondent counts")
    parser.add_argument("--wave", type=int, action="append", help="wave (2020 or 2023); repeat for both")
    parser.add_argument("--by", help="breakdown dimension")
    parser.add_argument("--filter", help="DIMENSION=VALUE")
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--list", action="store_true", help="list questions, dimensions and values")
    parser.add_argument("--all-views", action="store_true",
                        help="release every view of the menu for the question and wave(s), one JSON object a line")
    parser.add_argument("--compare", action="store_true",
                        help="compare the two waves (--wave 2020 --wave 2023): changes with 95 %% intervals; "
                             f"--question {ALL_QUESTIONS} ranks every comparable item")
    parser.add_argument("--measure", choices=CHANGE_MEASURES,
                        help="with --compare: positive (%% agree), mean, or share (of --option)")
    parser.add_argument("--option", help="with --compare: the option of a choice question (default: each)")
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
    if not args.question or not (args.wave or args.compare):
        return _fail("--question and --wave are required (or use --list)")
    if args.compare:
        return _print_comparison(snapshot, args)
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


# --- wave comparisons (--compare) ----------------------------------------------------------------


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


def _side_to_dict(side: SideValue) -> dict[str, Any] | None:
    if not side.shown:
        return None
    return {"n": side.n, "value": _number(side.estimate), "low": _number(side.low), "high": _number(side.high)}


def _difference_to_dict(diff: Difference | None) -> dict[str, Any] | None:
    if diff is None:
        return None
    return {"estimate": _number(diff.estimate), "low": _number(diff.low), "high": _number(diff.high),
            "p_value": _number(diff.p_value), "method": diff.method}


def adjusted_to_dict(adjusted: AdjustedChange | None) -> dict[str, Any] | None:
    """The composition adjustment as JSON (``refused`` says why when there is none)."""
    if adjusted is None:
        return None
    return {"refused": adjusted.refused, "later": _number(adjusted.later),
            "earlier_adjusted": _number(adjusted.earlier_adjusted), "change": _difference_to_dict(adjusted.change),
            "cells_used": adjusted.cells_used, "coverage_later": adjusted.coverage_later,
            "coverage_earlier": adjusted.coverage_earlier}


def comparison_to_dict(item: ItemComparison, view: View, adjusted: AdjustedChange | None = None) -> dict[str, Any]:
    """One item in one view, both waves: each group's values (null when hidden) and the change."""
    earlier, later = str(item.earlier_wave), str(item.later_wave)
    return {
        "question": item.later_question or item.earlier_question, "earlier_question": item.earlier_question,
        "concept": item.concept, "comparability": item.flag, "measure": item.measure, "option": item.option,
        "view": {"filter": None if view.filter is None else "=".join(view.filter), "by": view.by},
        "waves": [item.earlier_wave, item.later_wave], "refused": item.refused,
        "rows": [{"group": dict(row.key), "note": row.note, earlier: _side_to_dict(row.earlier),
                  later: _side_to_dict(row.later), "change": _difference_to_dict(row.change)} for row in item.rows],
        "adjusted": adjusted_to_dict(adjusted),
    }


def _print_comparison(snapshot: SurveySnapshot, args: argparse.Namespace) -> int:
    waves = sorted(set(args.wave or [results.EARLIER_WAVE, results.LATER_WAVE]))
    if waves != [results.EARLIER_WAVE, results.LATER_WAVE]:
        return _fail(f"--compare needs --wave {results.EARLIER_WAVE} --wave {results.LATER_WAVE}")
    view_filter = None
    if args.filter:
        if "=" not in args.filter:
            return _fail(f"--filter must be DIMENSION=VALUE, got {args.filter!r}")
        dim, value = args.filter.split("=", 1)
        view_filter = (dim, value)
    try:
        view = snapshot.menu.validate(View(view_filter, args.by))
        if args.question == ALL_QUESTIONS:
            if view.by is not None:
                return _fail("--question all --compare takes a --filter only (no --by)")
            frame = ranking_frame(results.release_what_changed(snapshot, view.filter))
            if args.format == "csv":
                frame.to_csv(sys.stdout, index=False, lineterminator="\n")
            else:
                print(frame.to_json(orient="records", force_ascii=False, indent=2))
            return 0
        if not snapshot.codebook.has_question(args.question):
            return _fail(f"unknown question {args.question!r}")
        question = snapshot.codebook.question(args.question)
        measures = [args.measure] if args.measure else list(measures_of(question.type))
        for measure in measures:
            if measure not in measures_of(question.type):
                return _fail(f"measure {measure!r} does not fit a {question.type} question")
        options: list[str | None] = [None]
        if question.type in ("single", "multi"):
            known = results.comparison_options(snapshot, question.id) or question.option_codes
            options = [args.option] if args.option else list(known)
        items = []
        for measure in measures:
            for option in options:
                item = results.release_comparison(snapshot, question.id, view, measure=measure, option=option)
                total = item.total
                adjusted = None
                if total is not None and total.change is not None:
                    adjusted = results.release_adjusted(snapshot, question.id, view.filter, measure=measure,
                                                        option=option, earlier_total_n=total.earlier.n,
                                                        later_total_n=total.later.n)
                items.append((item, adjusted))
    except (MenuError, ReleaseError, ValueError) as exc:
        return _fail(str(exc))
    if args.format == "json":
        payload = [comparison_to_dict(item, view, adjusted) for item, adjusted in items]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
    else:
        for position, (item, _) in enumerate(items):
            frame = comparison_frame(item)
            frame.insert(0, "option", item.option)
            frame.insert(0, "measure", item.measure)
            frame.insert(0, "question", item.later_question)
            frame.to_csv(sys.stdout, index=False, header=position == 0, lineterminator="\n")
    return 0
