"""Argument parsing of ``python -m baro``; each subcommand's module is imported only when used."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

#: Subcommand name -> (module, one-line help). Modules define add_arguments() and run().
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("baro.commands.demo", "build the seeded demo database"),
    "protect": ("baro.commands.protect", "compute and store the hiding patterns of every wave"),
    "release": ("baro.commands.release", "print a released (anonymity-protected) table"),
    "themes": ("baro.commands.themes", "print released theme shares of an open question"),
    "import": ("baro.commands.import_export", "import SurveyMonkey exports into the store"),
}


def _load(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name][0])


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with ``only`` just that subcommand's module is imported."""
    parser = argparse.ArgumentParser(prog="python -m baro", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text)
        if only is None or only == name:
            try:
                _load(name).add_arguments(command_parser)
            except ModuleNotFoundError:
                command_parser.description = "(not available in this build)"
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    chosen = args_list[0] if args_list and args_list[0] in COMMANDS else None
    args = build_parser(chosen).parse_args(args_list)
    result: int = _load(args.command).run(args)
    return result
