"""``python -m baro demo``: build the seeded demo database (both waves, calibrated).

Only parses arguments and calls :func:`data_access.demo.build_demo_database`.
"""

from __future__ import annotations

import argparse
import time

from sqlalchemy.engine import make_url

from baro.commands._common import policy_from_settings
from config import load_settings
from data_access.demo import build_demo_database, describe_parameters, scaled_parameters
from pipeline import PostLoadSummary, after_load


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``demo`` subcommand."""
    parser.add_argument("--seed", type=int, default=7,
                        help="random seed; the same seed always builds the same data (default 7)")
    parser.add_argument("--database-url", default=None,
                        help="SQLAlchemy URL to build into (default: DATABASE_URL or the SQLite "
                             "file under data/)")
    parser.add_argument("--respondents", type=int, default=None,
                        help="scale every quota to this many respondents over both waves, for "
                             "benchmarks (default: the calibrated 1,167)")
    parser.add_argument("--explain", action="store_true",
                        help="list the calibration parameters and their sources, build nothing")


def run(args: argparse.Namespace) -> int:
    """Build the demo database and print what was built; returns the exit code."""
    if args.explain:
        for name, value, source in describe_parameters():
            print(f"{name}: {value}\n    source: {source}")
        return 0
    url = args.database_url or load_settings().database_url
    started = time.perf_counter()
    policy = policy_from_settings()
    summaries: list[PostLoadSummary] = []
    params = None if getattr(args, "respondents", None) is None else scaled_parameters(args.respondents)
    counts = build_demo_database(url, seed=args.seed, params=params,
                                 after_load=lambda session: summaries.append(after_load(session, policy)))
    elapsed = time.perf_counter() - started
    shown = make_url(url).render_as_string(hide_password=True)
    per_wave = ", ".join(f"{wave}: {n} respondents" for wave, n in counts.items())
    print(f"Built demo data (seed {args.seed}) in {shown}: {per_wave} ({elapsed:.1f} s).")
    for summary in summaries:
        for line in summary.themes.lines():
            print(f"  {line}")
        for line in summary.protection.lines():
            print(f"  protection {line}")
    return 0
