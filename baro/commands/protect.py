"""``python -m baro protect``: recompute the stored hiding patterns (after a change of k or data)."""

from __future__ import annotations

import argparse

from baro.commands._common import add_database_argument, policy_from_settings, session_factory
from codebook import load_codebook, load_reference
from results import run_protection_step


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)


def run(args: argparse.Namespace) -> int:
    reference = load_reference()
    codebook = load_codebook(reference=reference)
    factory = session_factory(args)
    with factory() as session, session.begin():
        summary = run_protection_step(session, codebook, reference, policy_from_settings())
    for line in summary.lines():
        print(line)
    return 0
