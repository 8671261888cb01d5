"""Visibility report of candidate menus on a survey store (default: the demo database).

Run: ``.venv/bin/python benchmarks/visibility_report.py [--database-url URL]``. Prints one line per
menu and wave, and writes benchmarks/results/visibility.json. The README quotes its figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anonymity import Policy  # noqa: E402
from codebook import load_codebook, load_reference  # noqa: E402
from config import load_settings  # noqa: E402
from data_access import create_engine_from_url, load_all_answers, load_respondents, make_session_factory  # noqa: E402
from results import compute_patterns, snapshot_from_frames  # noqa: E402
from results._visibility import visibility_report  # noqa: E402

MENUS = {
    "chosen: sector(3) + org type + ELY + language": (("sector", "org_type", "ely_area", "language"), None),
    "sector(4, private apart) + org type + ELY + language": (
        ("sector", "org_type", "ely_area", "language"),
        {"public": "public", "third_sector": "third_sector", "private": "private", "other": "other"}),
    "chosen + 2026 centres beside ELY areas": (("sector", "org_type", "ely_area", "centre", "language"), None),
    "no language dimension": (("sector", "org_type", "ely_area"), None),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=load_settings().database_url)
    args = parser.parse_args()
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    with make_session_factory(create_engine_from_url(args.database_url))() as session:
        respondents = load_respondents(session)
        answers = {int(w): load_all_answers(session, int(w)) for w in respondents["wave"].unique()}
    results = []
    for name, (dims, merge) in MENUS.items():
        snapshot = snapshot_from_frames(respondents, answers, codebook, reference, Policy(), dimensions=dims,
                                        sector_merge=merge)
        start = time.perf_counter()
        patterns, summary = compute_patterns(snapshot)
        seconds = time.perf_counter() - start
        for wave in snapshot.waves:
            report = visibility_report(snapshot, patterns, wave, name)
            print(report.summary_line() + f"; protection {summary.seconds[wave]:.1f} s")
            results.append({"menu": name, "wave": wave, "seconds": summary.seconds[wave],
                            "summary": report.summary_line(),
                            "per_area": report.per_area.to_dict(orient="records")})
        print(f"  ({name}: {seconds:.1f} s in all)")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "visibility.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
