"""``python -m baro themes``: released theme shares of an open question, headless.

The numbers come from the same gate as the "Open answers" page: a theme count is a number of
respondents whose substantive answer carries the theme; shares are of those respondents and can
add up to more than 100 %. Hidden groups print as ``-`` (text) or ``null`` (JSON).

JSON shape: question, codebook_version, k, waves (a list: wave, view, refused, hidden,
substantive, no_content, themes (theme, label, count, share) and uncoded (count, share)).
``--recode`` codes the stored open answers again and recomputes the hiding patterns (the same
post-load steps a demo build or an import runs), for a store loaded without them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from anonymity import MenuError, ReleasedTable, ReleaseError, View
from baro.commands._common import add_database_argument, policy_from_settings, session_factory
from codebook import load_codebook, load_reference
from config import load_settings
from results import (
    NO_CONTENT,
    REFUSED_OPEN_VIEW,
    UNCODED,
    SurveySnapshot,
    load_snapshot,
    release_open_themes,
    theme_ids_of,
)
from themes import load_theme_codebook


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--question", help="open question id, e.g. open_benefits")
    parser.add_argument("--wave", type=int, action="append",
                        help="wave (2020 or 2023); repeat for both (default: every coded wave)")
    parser.add_argument("--filter", help="DIMENSION=VALUE: one group instead of all respondents")
    parser.add_argument("--language", choices=("fi", "sv", "en"), default="en", help="language of theme labels")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--recode", action="store_true",
                        help="code the stored open answers again and recompute the hiding patterns, then exit")
    add_database_argument(parser)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _missing_sqlite_file(url: str) -> bool:
    parsed = make_url(url)
    return (parsed.get_backend_name() == "sqlite" and bool(parsed.database)
            and parsed.database != ":memory:" and not Path(str(parsed.database)).exists())


def wave_to_dict(table: ReleasedTable, labels: dict[str, str]) -> dict[str, Any]:
    """One wave's released theme shares; numbers are null where the gate hides the group."""
    total = table.total
    hidden = table.is_refused or total is None or total.hidden

    def entry(code: str) -> dict[str, Any]:
        if hidden or total is None:
            return {"count": None, "share": None}
        return {"count": total.count(code), "share": total.share(code)}

    return {
        "wave": table.wave,
        "view": {"filter": None if table.view.filter is None else "=".join(table.view.filter)},
        "refused": table.refused,
        "hidden": hidden,
        "substantive": None if hidden or total is None else total.base,
        "no_content": entry(NO_CONTENT)["count"],
        "themes": [{"theme": code, "label": labels.get(code, code), **entry(code)} for code in theme_ids_of(table)],
        "uncoded": entry(UNCODED),
    }


def _print_text(question_id: str, version: str, k: int, waves: list[dict[str, Any]]) -> None:
    print(f"{question_id} (theme codebook {version}; k={k}; shares of respondents with a substantive "
          "answer, several themes per answer, so shares can add up to more than 100 %)")
    for wave in waves:
        scope = wave["view"]["filter"] or "all respondents"
        if wave["refused"] == REFUSED_OPEN_VIEW:
            print(f"\n{wave['wave']}, {scope}: - (open answers are shown only for all respondents and by sector)")
            continue
        if wave["hidden"]:
            print(f"\n{wave['wave']}, {scope}: - (not shown, to protect respondents)")
            continue
        print(f"\n{wave['wave']}, {scope}: {wave['substantive']} substantive answers, "
              f"{_count(wave['no_content'])} with no content")
        width = max(len(t["label"]) for t in wave["themes"]) if wave["themes"] else 10
        for item in [*wave["themes"], {"label": "other / uncoded", **wave["uncoded"]}]:
            print(f"  {item['label']:<{width}}  {_count(item['count']):>5}  {_share(item['share']):>6}")


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _recode(args: argparse.Namespace) -> int:
    from pipeline import after_load  # heavy: the text analyser and the protection step

    with session_factory(args)() as session, session.begin():
        summary = after_load(session, policy_from_settings())
    for line in summary.lines():
        print(line)
    return 0


def run(args: argparse.Namespace) -> int:
    url = args.database_url or load_settings().database_url
    if _missing_sqlite_file(url):
        return _fail(f"no database at {url}; build one with `python -m baro demo`")
    if args.recode:
        return _recode(args)
    if not args.question:
        return _fail("--question is required (e.g. --question open_benefits)")
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    with session_factory(args)() as session:
        snapshot: SurveySnapshot = load_snapshot(session, codebook, reference, policy_from_settings())
    waves = args.wave or sorted(w for w, q in snapshot.open_options if q == args.question)
    if not waves:
        return _fail(f"no coded open answers for {args.question!r}; is it an open question? "
                     "(`python -m baro themes --recode` codes a store loaded without the text step)")
    view_filter = None
    if args.filter:
        if "=" not in args.filter:
            return _fail(f"--filter must be DIMENSION=VALUE, got {args.filter!r}")
        dim, value = args.filter.split("=", 1)
        view_filter = (dim, value)
    try:
        view = snapshot.menu.validate(View(view_filter, None))
        tables = [release_open_themes(snapshot, args.question, wave, view) for wave in waves]
    except (MenuError, ReleaseError) as exc:
        return _fail(str(exc))
    theme_book = load_theme_codebook()
    labels = theme_book.labels(args.question, args.language) if args.question in theme_book.questions else {}
    out = [wave_to_dict(table, labels) for table in tables]
    if args.format == "json":
        payload = {"question": args.question, "codebook_version": theme_book.version,
                   "k": snapshot.policy.k, "waves": out}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_text(args.question, theme_book.version, snapshot.policy.k, out)
    return 0
