"""Engine and session factory from a database URL, and schema migration to the latest revision.

Why here: one place knows how SQLite files are created and how Alembic is configured, so the
demo builder, the importer, tests and the app open databases the same way.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_engine_from_url(database_url: str) -> Engine:
    """Create an engine; for SQLite, create the folder and enforce foreign keys."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The one sessionmaker of a process; callers own ``with factory() as session:``."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with the Alembic migrations (idempotent)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade_schema(engine: Engine, revision: str = "base") -> None:
    """Step the schema back to ``revision`` (tests use it to prove migrations reverse)."""
    command.downgrade(alembic_config(engine), revision)
