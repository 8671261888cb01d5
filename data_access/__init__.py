"""The survey store: SQLAlchemy models, engine, migrations, read and write functions.

Never imports Streamlit. Read functions take a session and return pandas frames.
"""

from data_access.engine import (
    create_engine_from_url,
    downgrade_schema,
    make_session_factory,
    upgrade_schema,
)
from data_access.queries import (
    count_respondents,
    load_all_answers,
    load_answers,
    load_open_answers,
    load_respondents,
)
from data_access.store import AnswerRecord, RespondentRecord, store_codebook, store_respondents

__all__ = [
    "AnswerRecord",
    "RespondentRecord",
    "count_respondents",
    "create_engine_from_url",
    "downgrade_schema",
    "load_all_answers",
    "load_answers",
    "load_open_answers",
    "load_respondents",
    "make_session_factory",
    "store_codebook",
    "store_respondents",
    "upgrade_schema",
]
