"""Command-line entry point of the dashboard: ``python -m baro <command>``.

The package only parses arguments and calls the other packages; each command lives in
``baro/commands/<name>.py`` with ``add_arguments(parser)`` and ``run(args) -> int``.
"""
