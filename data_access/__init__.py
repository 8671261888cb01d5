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
from data_access.text_store import (
    CodingRun,
    load_answer_flags,
    load_answer_themes,
    load_coded_answers,
    load_coding_runs,
    load_key_terms,
    replace_coded_answers,
    stored_question_ids,
)

__all__ = [
    "AnswerRecord",
    "CodingRun",
    "RespondentRecord",
    "count_respondents",
    "create_engine_from_url",
    "downgrade_schema",
    "load_all_answers",
    "load_answer_flags",
    "load_answer_themes",
    "load_answers",
    "load_coded_answers",
    "load_coding_runs",
    "load_key_terms",
    "load_open_answers",
    "load_respondents",
    "make_session_factory",
    "replace_coded_answers",
    "store_codebook",
    "store_respondents",
    "stored_question_ids",
    "upgrade_schema",
]
