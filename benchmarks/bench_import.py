"""Benchmark of the importer: 100,000 respondents x 60 answer columns into SQLite.

Run ``python benchmarks/bench_import.py [--respondents 100000] [--columns 60] [--format csv]``.
The export is written with :mod:`importer.export_writer` (two header rows, nine metadata columns
with made-up personal data, then ``--columns`` question columns taken from the 2023 questionnaire
in order), from seeded random answers (10 % skipped, about 40 % of boxes ticked, a short open
answer from a third of respondents). The import then runs as ``python -m baro import`` in a child
process, so its wall time and peak resident memory (``ru_maxrss``) are measured alone.
Targets: under 60 s and under 1 GB. Writes JSON to benchmarks/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from codebook import Codebook, Question, load_codebook, load_reference  # noqa: E402
from data_access import AnswerRecord, RespondentRecord  # noqa: E402
from importer import build_mapping, export_layout, write_exports  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TARGET_SECONDS = 60.0
TARGET_MB = 1024.0
WAVE = 2023
OPEN_TEXTS = ("Enemmän yhteisiä tapaamisia ja koulutusta.", "Mer samarbete på svenska, tack.",
              "More regional events would help our work.")


def choose_questions(codebook: Codebook, columns: int) -> list[str]:
    """2023 questions in questionnaire order whose export columns add up to ``columns``."""
    reference = load_reference()
    chosen: list[str] = []
    for question in codebook.questions_in_wave(WAVE):
        if question.id == "survey_language":
            continue
        trial = chosen + [question.id]
        width = len(export_layout(codebook, reference, WAVE, trial))
        if width <= columns:
            chosen = trial
        if width == columns:
            break
    return chosen


def generate(n: int, questions: list[Question], seed: int) -> Iterator[RespondentRecord]:
    """``n`` seeded respondents answering ``questions``, one at a time (constant memory)."""
    rng = random.Random(seed)
    reference = load_reference()
    org_types = list(reference.codes("organisation_types"))
    areas = list(reference.codes("ely_areas"))
    start = datetime(2022, 11, 4, 8)
    for i in range(n):
        language = rng.choices(("fi", "sv", "en"), (0.8, 0.15, 0.05))[0]
        answers: list[AnswerRecord] = []
        for question in questions:
            if question.type == "background" or rng.random() < 0.1:
                continue
            if question.type == "open":
                if rng.random() < 0.33:
                    answers.append(AnswerRecord(question.id, value_text=rng.choice(OPEN_TEXTS)))
            elif question.type == "multi":
                choosable = [o for o in question.options if o.code not in question.exclusive]
                ticked = [o for o in choosable if rng.random() < 0.4] or [rng.choice(choosable)]
                answers.extend(AnswerRecord(question.id, o.code) for o in ticked)
            else:
                option = rng.choice(question.options)
                answers.append(AnswerRecord(question.id, option.code, option.value))
        yield RespondentRecord(WAVE, str(118_000_000_000 + i), language, rng.choice(org_types),
                               rng.choice(areas), start + timedelta(seconds=rng.randrange(9_000_000)),
                               tuple(answers))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--columns", type=int, default=60, help="question columns (besides "
                        "the nine metadata columns)")
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="keep the export and database here")
    args = parser.parse_args()

    reference = load_reference()
    codebook = load_codebook(reference=reference)
    question_ids = choose_questions(codebook, args.columns)
    columns = len(export_layout(codebook, reference, WAVE, question_ids))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    exports = workdir / "exports"
    database = workdir / "store.sqlite"
    database.unlink(missing_ok=True)

    started = time.perf_counter()
    questions = [codebook.question(q) for q in question_ids]
    paths = write_exports(generate(args.respondents, questions, args.seed), codebook, reference,
                          exports, formats=(args.format,), questions=question_ids)
    generate_seconds = time.perf_counter() - started
    mapping = workdir / "mapping.yaml"
    mapping.write_text(yaml.safe_dump(build_mapping(codebook, reference, WAVE,
                                                    questions=question_ids),
                                      allow_unicode=True), encoding="utf-8")

    command = [sys.executable, "-m", "baro", "import", "--mapping", str(mapping),
               "--database-url", f"sqlite:///{database}", *map(str, paths)]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output, _ = child.communicate()
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    if child.returncode != 0:
        print(output)
        print(f"import failed with exit code {child.returncode}", file=sys.stderr)
        return 1
    first_line = output.splitlines()[0]
    answers = int(first_line.split(" with ")[1].split(" answers")[0].replace(",", ""))
    result = {
        "benchmark": "import",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "respondents": args.respondents,
        "question_columns": columns,
        "metadata_columns": 9,
        "format": args.format,
        "files": {p.name: p.stat().st_size for p in paths},
        "answers_stored": answers,
        "generate_export_seconds": round(generate_seconds, 2),
        "import_seconds": round(seconds, 2),
        "import_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "database_mb": round(database.stat().st_size / 2**20, 1),
        "target_seconds": TARGET_SECONDS,
        "target_mb": TARGET_MB,
        "passed": seconds < TARGET_SECONDS and peak_mb < TARGET_MB,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"import_{args.respondents}x{columns}_{args.format}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(first_line)
    print(f"{args.respondents:,} respondents x {columns} question columns ({args.format}): "
          f"import {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s), peak RSS {peak_mb:.0f} MB "
          f"(target < {TARGET_MB:.0f} MB); export written in {generate_seconds:.1f} s")
    print(f"results: {out.relative_to(ROOT)}")
    return 0 if result["passed"] else 2


if __name__ == "__main__":
    sys.exit(main())
