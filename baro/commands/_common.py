"""Shared plumbing of subcommands: settings, policy and a session factory from arguments."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session, sessionmaker

from anonymity import Policy
from config import load_settings
from data_access import create_engine_from_url, make_session_factory


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: DATABASE_URL or the demo SQLite file)")


def policy_from_settings() -> Policy:
    settings = load_settings()
    return Policy(k=settings.min_group_size, quote_k=settings.min_quote_group_size)


def session_factory(args: argparse.Namespace) -> sessionmaker[Session]:
    url = getattr(args, "database_url", None) or load_settings().database_url
    return make_session_factory(create_engine_from_url(url))
