"""The text gate: example quotes and key terms of the open answers, released only where safe.

Theme counts are released by :func:`results.release_question` (an open question is counted like
a multi-select over its themes). Quotes and key terms need more, because a quote is one
respondent's own words:

- Quotes are REDACTED texts (the text step stores nothing else) and belong to the view's filter
  group, never to a breakdown row. They are offered for the whole population and for the groups
  of ONE dimension (:data:`QUOTE_DIMENSION`), never for a group of another: a quote seen in
  "organisation type = X" and again in "ELY area = Y" would tell that its author is an X in Y,
  a split by organisation type and region together. With one dimension whose groups are disjoint,
  no two quotable groups intersect in a smaller group.
- A group is quotable when the gate shows it and its base (substantive answers) is at least
  ``quote_k``. Only answers from quotable groups of :data:`QUOTE_DIMENSION` are ever quoted, even
  in the whole population: otherwise a quote shown for everyone but in no group's list would be
  known to come from a group too small to quote.
- Key terms (base forms and word pairs by number of respondents) are released for the whole
  population of a wave when the question's base is at least ``quote_k``, and only terms used by
  at least ``k`` respondents.
- Theme tables (:func:`release_open_themes`) exist for all respondents and the sector grouping
  only (filter none/sector, breakdown none/sector). The state staff survey never breaks open
  answers down by background variables; sectors are three large classes, and the same limit for
  numbers and quotes means no view pairs a theme count of a small group with its quotes. Every
  other view is refused with :data:`REFUSED_OPEN_VIEW`, so pages, the CLI and exports agree.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.orm import Session

from analysis.groupings import derive_dimensions
from anonymity import ReleasedTable, View, refuse_view
from codebook import Reference
from data_access import CodingRun, load_coded_answers, load_coding_runs, load_key_terms, load_respondents
from results._open_cells import NO_CONTENT, UNCODED
from results._service import SurveySnapshot, release_question

#: The one dimension whose groups may be quoted (besides the whole population). Sectors are three
#: large, disjoint classes; see the module docstring for why only one dimension.
QUOTE_DIMENSION = "sector"
#: Example quotes per theme.
QUOTES_PER_THEME = 3
#: Key terms per chart.
KEY_TERMS_LIMIT = 15
#: Quotes shorter or longer than this (characters) are picked only when nothing else is left.
_QUOTE_LENGTH = (25, 320)

#: Refusal codes a page translates into a sentence.
REFUSED_QUOTE_DIMENSION = "quotes_not_for_this_dimension"
REFUSED_QUOTE_GROUP = "quote_group_under_quote_k"
REFUSED_KEY_TERMS = "key_terms_base_under_quote_k"
REFUSED_OPEN_VIEW = "open_answers_not_by_this_dimension"
#: Dimensions an open question's theme table may be filtered or broken down by.
OPEN_DIMENSIONS: tuple[str, ...] = (QUOTE_DIMENSION,)

_TOKEN = object()


@dataclass(frozen=True)
class OpenAnswerData:
    """What the text gate needs from the store: redacted answers, key terms and coding runs.

    ``answers`` has one row per coded answer (``respondent_id, wave, question_id, language,
    is_substantive, redacted_text, themes``) plus the respondent's :data:`QUOTE_DIMENSION` group.
    It holds no raw text; it never leaves the results package except as released quotes.
    """

    answers: pd.DataFrame
    key_terms: pd.DataFrame
    runs: tuple[CodingRun, ...]

    def run(self, question_id: str, wave: int) -> CodingRun | None:
        return next((r for r in self.runs if r.question_id == question_id and r.wave == wave), None)


def load_open_answer_data(session: Session, reference: Reference) -> OpenAnswerData:
    """Read the coded answers (redacted), key terms and runs of every open question."""
    answers = load_coded_answers(session)
    groups = derive_dimensions(load_respondents(session), reference, (QUOTE_DIMENSION,))
    answers = answers.merge(groups[["respondent_id", QUOTE_DIMENSION]], on="respondent_id", how="left")
    return OpenAnswerData(answers, load_key_terms(session), tuple(load_coding_runs(session)))


@dataclass(frozen=True)
class Quote:
    """One example answer: redacted text, its language, and the respondent-free theme it shows."""

    theme_id: str
    text: str
    language: str


@dataclass(frozen=True)
class ReleasedQuotes:
    """Example quotes of one open question, wave and view group; empty with a reason when refused."""

    question_id: str
    wave: int
    view: View
    quote_k: int
    refused: str | None
    quotes: tuple[tuple[str, tuple[Quote, ...]], ...] = ()
    _token: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _TOKEN:
            raise TypeError("ReleasedQuotes is made only by results.release_quotes")

    def for_theme(self, theme_id: str) -> tuple[Quote, ...]:
        return dict(self.quotes).get(theme_id, ())

    @property
    def refused_for_dimension(self) -> bool:
        """True when the view's filter dimension is not the one quotes may be shown for."""
        return self.refused == REFUSED_QUOTE_DIMENSION


@dataclass(frozen=True)
class ReleasedKeyTerms:
    """Key terms of one open question, wave and answer language (whole population)."""

    question_id: str
    wave: int
    language: str
    refused: str | None
    terms: tuple[tuple[str, str, int], ...] = ()  # (term, kind, respondents)
    _token: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _TOKEN:
            raise TypeError("ReleasedKeyTerms is made only by results.release_key_terms")

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.terms), columns=["term", "kind", "n_respondents"])


def theme_ids_of(table: ReleasedTable) -> tuple[str, ...]:
    """The themes of a released open-question table (its options without uncoded and no content)."""
    return tuple(c for c in table.option_codes if c not in (UNCODED, NO_CONTENT))


def open_view_allowed(view: View) -> bool:
    """True when ``view`` uses no dimension but :data:`OPEN_DIMENSIONS` (all respondents or sectors)."""
    used = [view.filter[0] if view.filter is not None else None, view.by]
    return all(dimension in OPEN_DIMENSIONS for dimension in used if dimension is not None)


def release_open_themes(snapshot: SurveySnapshot, question_id: str, wave: int, view: View) -> ReleasedTable:
    """The released theme table of an open question, or a refusal for views it is not offered in.

    A view outside all respondents and the sector grouping returns an empty table refused with
    :data:`REFUSED_OPEN_VIEW` (no total, no rows: nothing of the view is computed). Raises
    ``MenuError`` / ``ReleaseError`` like :func:`release_question` (views outside the menu, stale patterns).
    """
    snapshot.menu.validate(view)
    if open_view_allowed(view):
        return release_question(snapshot, question_id, wave, view)
    whole = release_question(snapshot, question_id, wave, View())
    return refuse_view(whole, view, REFUSED_OPEN_VIEW)


def answer_languages_by_use(data: OpenAnswerData, question_id: str, wave: int,
                            languages: Sequence[str]) -> list[str]:
    """``languages`` ordered by how many substantive answers of the question and wave are in each.

    Only the order is used (to choose the key-term language shown first); no count is released.
    Ties keep the order of ``languages``.
    """
    answers = data.answers
    rows = answers.loc[(answers["question_id"] == question_id) & (answers["wave"] == wave)
                       & answers["is_substantive"]]
    counts = rows["language"].value_counts()
    return sorted(languages, key=lambda lang: (-int(counts.get(lang, 0)), list(languages).index(lang)))


def answered_open_questions(snapshot: SurveySnapshot) -> list[str]:
    """Coded open questions that someone answered in some wave, in questionnaire order.

    Whether anyone answered a question at all is not protected (it is the whole population).
    """
    answered = set()
    for (wave, question_id) in snapshot.open_options:
        categories = snapshot.cells[(wave, question_id)].categories
        if snapshot.cells[(wave, question_id)].base.sum() > 0 or (
                categories is not None and categories[NO_CONTENT].sum() > 0):
            answered.add(question_id)
    return [q.id for q in snapshot.codebook.questions if q.id in answered]


def quotable_groups(snapshot: SurveySnapshot, question_id: str, wave: int) -> frozenset[str]:
    """Groups of :data:`QUOTE_DIMENSION` that the gate shows with a base of at least quote_k."""
    table = release_question(snapshot, question_id, wave, View(None, QUOTE_DIMENSION))
    return frozenset(
        str(row.category) for row in table.rows
        if not row.hidden and row.base is not None and row.base >= snapshot.policy.quote_k
    )


def release_quotes(
    snapshot: SurveySnapshot,
    data: OpenAnswerData,
    question_id: str,
    wave: int,
    view: View,
    language: str,
    per_theme: int = QUOTES_PER_THEME,
) -> ReleasedQuotes:
    """Up to ``per_theme`` redacted example quotes per theme for the filter group of ``view``.

    The breakdown of ``view`` is ignored: quotes belong to the filter group only. Answers in
    ``language`` come first; the choice among them is a stable pseudo-random order, so the same
    view always shows the same quotes. Raises ``ReleaseError`` like :func:`release_question`.
    """
    snapshot.menu.validate(view)

    def released(refused: str | None, quotes: tuple[tuple[str, tuple[Quote, ...]], ...] = ()) -> ReleasedQuotes:
        return ReleasedQuotes(question_id, wave, View(view.filter, None), snapshot.policy.quote_k, refused,
                              quotes, _token=_TOKEN)

    if view.filter is not None and view.filter[0] != QUOTE_DIMENSION:
        release_question(snapshot, question_id, wave, View(view.filter, None))  # same errors as numbers
        return released(REFUSED_QUOTE_DIMENSION)
    table = release_question(snapshot, question_id, wave, View(view.filter, None))
    total = table.total
    if table.is_refused or total is None or total.hidden or (total.base or 0) < snapshot.policy.quote_k:
        return released(REFUSED_QUOTE_GROUP)
    allowed = quotable_groups(snapshot, question_id, wave)
    if view.filter is not None:
        allowed &= {view.filter[1]}
    answers = data.answers
    pool = answers.loc[(answers["question_id"] == question_id) & (answers["wave"] == wave)
                       & answers["is_substantive"] & answers[QUOTE_DIMENSION].isin(allowed)]
    chosen: list[tuple[str, tuple[Quote, ...]]] = []
    used: set[int] = set()
    for theme_id in theme_ids_of(table):
        candidates = pool.loc[pool["themes"].map(lambda themes, t=theme_id: t in themes)]
        picks = _pick(candidates, question_id, wave, theme_id, language, per_theme, used)
        if picks:
            chosen.append((theme_id, picks))
    return released(None, tuple(chosen))


def _pick(candidates: pd.DataFrame, question_id: str, wave: int, theme_id: str, language: str,
          limit: int, used: set[int]) -> tuple[Quote, ...]:
    def order(row: tuple[int, str, str]) -> tuple[bool, bool, bool, str]:
        respondent_id, text, lang = row
        low, high = _QUOTE_LENGTH
        digest = hashlib.sha256(f"{question_id}|{wave}|{theme_id}|{respondent_id}".encode()).hexdigest()
        return (lang != language, not low <= len(text) <= high, respondent_id in used, digest)

    ordered = sorted(zip(candidates["respondent_id"].astype(int), candidates["redacted_text"].astype(str),
                         candidates["language"].astype(str), strict=True), key=order)
    rows: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    for row in ordered:  # the same words twice show nothing new
        folded = " ".join(row[1].casefold().split())
        if folded not in seen:
            seen.add(folded)
            rows.append(row)
        if len(rows) == limit:
            break
    used.update(r for r, _, _ in rows)
    return tuple(Quote(theme_id, text, lang) for _, text, lang in rows)


def release_key_terms(
    snapshot: SurveySnapshot,
    data: OpenAnswerData,
    question_id: str,
    wave: int,
    language: str,
    kinds: Sequence[str] = ("lemma", "bigram"),
    limit: int = KEY_TERMS_LIMIT,
) -> ReleasedKeyTerms:
    """The most used key terms of answers in ``language`` (whole population of ``wave``).

    Released only when the question's base is at least ``quote_k``; each term needs ``k``
    respondents. Raises ``ReleaseError`` like :func:`release_question`.
    """
    table = release_question(snapshot, question_id, wave, View())
    total = table.total
    if table.is_refused or total is None or total.hidden or (total.base or 0) < snapshot.policy.quote_k:
        return ReleasedKeyTerms(question_id, wave, language, REFUSED_KEY_TERMS, _token=_TOKEN)
    terms = data.key_terms
    rows = terms.loc[(terms["question_id"] == question_id) & (terms["wave"] == wave)
                     & (terms["language"] == language) & terms["kind"].isin(list(kinds))
                     & (terms["n_respondents"] >= snapshot.policy.k)]
    rows = rows.sort_values(["n_respondents", "term"], ascending=[False, True]).head(limit)
    released = tuple((str(r.term), str(r.kind), int(r.n_respondents)) for r in rows.itertuples(index=False))
    return ReleasedKeyTerms(question_id, wave, language, None, released, _token=_TOKEN)
