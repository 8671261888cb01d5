"""SQLAlchemy 2 models of the survey store.

Answers are kept in long form (respondent x question x option) so that every question type,
both waves and any imported survey fit one schema. Respondents keep the background values as
answered; groupings such as sector or 2026 centre are derived from the reference lists, not stored.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every table; Alembic migrations are written against its metadata."""


class Wave(Base):
    __tablename__ = "waves"

    code: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    fieldwork_start: Mapped[date | None] = mapped_column(Date)
    fieldwork_end: Mapped[date | None] = mapped_column(Date)


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    section: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(16))
    concept: Mapped[str] = mapped_column(String(64))
    text_fi: Mapped[str] = mapped_column(Text)
    text_sv: Mapped[str] = mapped_column(Text)
    text_en: Mapped[str] = mapped_column(Text)
    codebook_version: Mapped[str] = mapped_column(String(64))


class QuestionWave(Base):
    __tablename__ = "question_waves"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"), primary_key=True)


class Option(Base):
    __tablename__ = "options"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    dont_know: Mapped[bool] = mapped_column(Boolean, default=False)
    label_fi: Mapped[str] = mapped_column(Text)
    label_sv: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text)


class Respondent(Base):
    __tablename__ = "respondents"
    __table_args__ = (
        UniqueConstraint("wave", "source_id", name="uq_respondents_wave_source"),
        Index("ix_respondents_wave_org_type", "wave", "org_type"),
        Index("ix_respondents_wave_ely_area", "wave", "ely_area"),
        Index("ix_respondents_wave_language", "wave", "survey_language"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"))
    #: The id the survey tool gave (e.g. SurveyMonkey's Respondent ID); makes re-imports idempotent.
    source_id: Mapped[str] = mapped_column(String(64))
    survey_language: Mapped[str] = mapped_column(String(2))
    org_type: Mapped[str | None] = mapped_column(String(32))
    ely_area: Mapped[str | None] = mapped_column(String(32))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (
        Index("ix_answers_question_respondent", "question_id", "respondent_id"),
        Index("ix_answers_respondent", "respondent_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("respondents.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"))
    #: Chosen option (single choice, each ticked box of a multi-select, scale point, "dk").
    option_code: Mapped[str | None] = mapped_column(String(64))
    #: Numeric value of a scale point or grade; NULL for "don't know" and open text.
    value_num: Mapped[float | None] = mapped_column(Float)
    #: Open answer as given. Only the text pipeline reads it; pages never receive raw text.
    value_text: Mapped[str | None] = mapped_column(Text)



class ProtectionRun(Base):
    """One computation of the hiding pattern of a wave: its k, menu and the data it fits."""

    __tablename__ = "protection_runs"

    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"), primary_key=True)
    k: Mapped[int] = mapped_column(Integer)
    menu_signature: Mapped[str] = mapped_column(String(64))
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[float] = mapped_column(Float)


class ProtectedTable(Base):
    """A question (or the population, ``question_id`` = ``""``) whose pattern a run computed."""

    __tablename__ = "protected_tables"

    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))


class HiddenGroup(Base):
    """A group hidden in every view of a question and wave; the reason is internal (audits only)."""

    __tablename__ = "hidden_groups"

    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    group_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    reason: Mapped[str] = mapped_column(String(16))


class CodedAnswer(Base):
    """One open answer after the text pipeline: language, substance, themes; REDACTED text only.

    The raw text stays in ``answers.value_text`` (read by the pipeline alone); pages and quotes
    read this table, so a name or phone number that redaction removed cannot reach them.
    """

    __tablename__ = "coded_answers"
    __table_args__ = (Index("ix_coded_answers_wave_question", "wave", "question_id"),)

    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"))
    #: Detected language of the answer ("fi", "sv", "en"); the questionnaire's when unclear.
    language: Mapped[str] = mapped_column(String(2))
    language_source: Mapped[str] = mapped_column(String(16))
    #: False for "no content" answers ("eos", "-", "vet inte", ...).
    is_substantive: Mapped[bool] = mapped_column(Boolean)
    redacted_text: Mapped[str] = mapped_column(Text)
    redaction_count: Mapped[int] = mapped_column(Integer)


class CodedAnswerTheme(Base):
    """A theme of a coded answer (an answer may carry several, or none: "uncoded")."""

    __tablename__ = "coded_answer_themes"

    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    theme_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class KeyTerm(Base):
    """A base form or word pair and how many respondents used it, per question, wave and language."""

    __tablename__ = "key_terms"

    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"), primary_key=True)
    language: Mapped[str] = mapped_column(String(2), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    term: Mapped[str] = mapped_column(String(200), primary_key=True)
    n_respondents: Mapped[int] = mapped_column(Integer)


class ThemeCodingRun(Base):
    """How the answers of one open question and wave were coded (for the method note and the gate)."""

    __tablename__ = "theme_coding_runs"

    wave: Mapped[int] = mapped_column(ForeignKey("waves.code"), primary_key=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("questions.id"), primary_key=True)
    codebook_version: Mapped[str] = mapped_column(String(64))
    #: Theme ids of the question in codebook order, comma-separated: the gate's answer options.
    theme_ids: Mapped[str] = mapped_column(Text)
    #: "voikko" or "simplemma" (Finnish fallback without voikko).
    analyser: Mapped[str] = mapped_column(String(16))
    coded_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[float] = mapped_column(Float)
