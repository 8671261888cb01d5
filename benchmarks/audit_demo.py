"""Independent LP audit of every stored hiding pattern of a survey store (default: the demo).

Why a script and not a test: the audit solves two linear programmes per small group and count
(minimum and maximum of each, as tau-Argus would), about a minute per question on these machines.
It checks what the tests check on random populations, on the real tables: no small group's size,
base, skips or answer counts are pinned by all of a question's views together with the Overview's
respondent counts. Run: ``.venv/bin/python benchmarks/audit_demo.py [--database-url URL]
[--wave 2023] [--jobs 2]``; prints one line per table and writes benchmarks/results/audit.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anonymity import Policy, audit_question  # noqa: E402
from codebook import load_codebook, load_reference  # noqa: E402
from config import load_settings  # noqa: E402
from data_access import create_engine_from_url, make_session_factory  # noqa: E402
from data_access.protection_store import POPULATION  # noqa: E402
from results import NO_CONTENT, SurveySnapshot, load_snapshot  # noqa: E402

_SNAPSHOT: SurveySnapshot | None = None


def _load(database_url: str) -> SurveySnapshot:
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    with make_session_factory(create_engine_from_url(database_url))() as session:
        return load_snapshot(session, codebook, reference, Policy(k=load_settings().min_group_size))


def _audit(database_url: str, wave: int, table: str, multi: bool) -> dict[str, object]:
    global _SNAPSHOT
    if _SNAPSHOT is None:
        _SNAPSHOT = _load(database_url)
    snap = _SNAPSHOT
    cells = snap.cells[(wave, table)]
    start = time.perf_counter()
    question_pattern = None if table == POPULATION else snap.patterns[(wave, table)]
    categories = cells.categories
    if categories is not None and NO_CONTENT in categories.columns:
        categories = categories.drop(columns=[NO_CONTENT])  # open answers: theme ticks bounded by the base
    exposures = audit_question(cells.labels, cells.population, categories, multi, snap.menu,
                               question_pattern, snap.patterns[(wave, POPULATION)], snap.policy.k)
    return {"wave": wave, "table": table or "(respondent counts)", "cells": len(cells.labels),
            "seconds": round(time.perf_counter() - start, 1),
            "exposures": [{"group": str(e.group), "quantity": e.quantity, "value": e.value} for e in exposures]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=load_settings().database_url)
    parser.add_argument("--wave", type=int, action="append", help="audit only these waves (repeatable)")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    snapshot = _load(args.database_url)
    tasks = []
    for wave in snapshot.waves:
        if args.wave and wave not in args.wave:
            continue
        tasks.append((wave, POPULATION, False))
        for w, table in snapshot.cells:
            if w != wave or table == POPULATION or (w, table) not in snapshot.patterns:
                continue
            multi = snapshot.codebook.question(table).type in ("multi", "open")
            tasks.append((wave, table, multi))
    start = time.perf_counter()
    results = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(_audit, args.database_url, *task) for task in tasks]
        for future in futures:
            result = future.result()
            results.append(result)
            print(f"{result['wave']} {result['table']:<32} cells {result['cells']:>4}  {result['seconds']:>6} s  "
                  f"exposures {len(result['exposures'])}", flush=True)
    total = sum(len(r["exposures"]) for r in results)
    print(f"{len(results)} tables audited in {time.perf_counter() - start:.0f} s; exposures: {total}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "audit.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
