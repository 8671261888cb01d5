"""Benchmark of the open-answer pipeline: 1,200 answers through run_pipeline (target < 10 s).

Run ``python benchmarks/bench_themes.py [--answers 1200] [--seed 7]``. The answers are built from
the hand-coded gold set (tests/gold/themes_gold.yaml): one to three of its answers joined, some
with planted names, phone numbers and e-mails so that redaction does real work. The timed run
uses a fresh analyser, so it includes loading voikko, lingua and simplemma and an empty word cache.
Writes JSON to benchmarks/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from themes import TextAnalyser, load_theme_codebook, run_pipeline  # noqa: E402
from themes.evaluate import load_gold  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PLANTED = {
    "fi": ["Kiitos Mikko Virtaselle avusta.", "Lisätietoja 040 123 4567.",
           "Yhteyshenkilö Annalle voi soittaa.", "Kysy lisää: etunimi.sukunimi@example.fi"],
    "sv": ["Tack till Anna Svensson.", "Ring 070-123 45 67.", "Mejla info@example.se."],
    "en": ["Thanks to John Smith.", "Call +358 50 765 4321.", "Mail us at info@example.org."],
}


def build_answers(n: int, seed: int) -> pd.DataFrame:
    """``n`` synthetic open answers (fixed seed) in the pipeline's input format."""
    rng = random.Random(seed)
    gold = load_gold()
    by_key: dict[tuple[str, str], list[str]] = {}
    for item in gold:
        by_key.setdefault((item.question_id, item.language), []).append(item.text)
    languages = ["fi"] * 7 + ["sv"] * 2 + ["en"]
    rows = []
    for i in range(n):
        question = rng.choice(["open_benefits", "open_development"])
        language = rng.choice(languages)
        texts = by_key[(question, language)]
        parts = rng.sample(texts, k=rng.choice([1, 1, 2, 3]))
        if rng.random() < 0.1:
            parts.append(rng.choice(PLANTED[language]))
        rows.append({"respondent_id": i + 1, "wave": rng.choice([2020, 2023]),
                     "survey_language": language, "question_id": question,
                     "text": " ".join(parts)})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    frame = build_answers(args.answers, args.seed)

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    cpu_started = time.process_time()
    analyser = TextAnalyser(load_theme_codebook())
    built = time.perf_counter()
    cold = run_pipeline(frame, analyser)
    cold_total = time.perf_counter() - started
    cold_cpu = time.process_time() - cpu_started
    cpu_warm_started = time.process_time()
    warm = run_pipeline(frame, analyser)
    warm_cpu = time.process_time() - cpu_warm_started

    answers = cold.answers
    report = {
        "benchmark": "themes.run_pipeline",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "answers": len(frame),
        "seed": args.seed,
        "codebook_version": cold.codebook_version,
        "voikko": cold.voikko,
        "seconds_cold_total": round(cold_total, 3),
        "seconds_analyser_setup": round(built - started, 3),
        "seconds_pipeline_cold": round(cold.seconds, 3),
        "seconds_pipeline_warm": round(warm.seconds, 3),
        "cpu_seconds_cold_total": round(cold_cpu, 3),
        "cpu_seconds_warm": round(warm_cpu, 3),
        "load_average_before": round(load_before, 2),
        "ms_per_answer_cold": round(1000 * cold_total / len(frame), 3),
        "target_seconds": 10.0,
        "within_target": cold_total < 10.0,
        "substantive": int(answers["is_substantive"].sum()),
        "coded": int((answers["n_themes"] > 0).sum()),
        "redacted_answers": int((answers["redaction_count"] > 0).sum()),
        "key_terms": len(cold.key_terms),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "bench_themes.json"
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"{len(frame)} answers: {cold_total:.2f} s cold (setup {built - started:.2f} s, "
          f"pipeline {cold.seconds:.2f} s), {warm.seconds:.2f} s warm; CPU {cold_cpu:.2f} s cold, "
          f"{warm_cpu:.2f} s warm; load average {load_before:.1f}; voikko={cold.voikko}; "
          f"target < 10 s: {'met' if cold_total < 10 else 'MISSED'}")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0 if cold_total < 10.0 else 1


if __name__ == "__main__":
    sys.exit(main())
