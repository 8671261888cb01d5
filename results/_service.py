"""Snapshot of the store for releasing, and the release functions every consumer calls."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from analysis.groupings import MENU_DIMENSIONS, build_menu, derive_dimensions
from anonymity import (
    NOT_STATED,
    SKIP,
    CellTable,
    Menu,
    Pattern,
    Policy,
    ReleasedTable,
    ReleaseError,
    View,
    build_cells,
    cells_fingerprint,
    parse_key,
    release_view,
)
from codebook import Codebook, Question, Reference
from data_access import (
    load_answer_flags,
    load_answer_themes,
    load_coding_runs,
    load_respondents,
)
from data_access.protection_store import POPULATION, load_runs
from data_access.queries import BACKGROUND_COLUMNS, count_closed_answers
from results._open_cells import NO_CONTENT, UNCODED, open_answer_codes, open_option_codes

#: Question types the gate releases as counts (background items describe groups instead).
COUNTED_TYPES = ("single", "multi", "agreement5", "grade10")
#: Open questions are counted by their coded themes (results._open_cells), once coded.
OPEN_TYPE = "open"


@dataclass(frozen=True)
class SurveySnapshot:
    """Everything needed to release any view, aggregated to cells; no respondent rows leave it.

    ``cells`` holds, per (wave, question id) and per (wave, "") for the population, the counts of
    the finest groups of the menu. ``patterns`` are the stored hiding patterns (empty before the
    protection step has run) and ``fingerprints`` the data they were computed from.
    ``open_options`` holds, per (wave, open question) that the text step coded, the theme ids
    it was coded with: such a question is released like a multi-select over its themes.
    """

    codebook: Codebook
    reference: Reference
    menu: Menu
    policy: Policy
    cells: Mapping[tuple[int, str], CellTable]
    patterns: Mapping[tuple[int, str], Pattern]
    fingerprints: Mapping[tuple[int, str], str]
    stored_k: Mapping[int, int]
    open_options: Mapping[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)

    @property
    def waves(self) -> tuple[int, ...]:
        return tuple(sorted({w for w, _ in self.cells}))

    def released_questions(self, wave: int) -> tuple[Question, ...]:
        return tuple(q for q in self.codebook.questions_in_wave(wave) if (wave, q.id) in self.cells)


def menu_signature(menu: Menu, policy: Policy) -> str:
    """Identifies the menu and k a pattern was computed for."""
    text = repr((menu.dimensions, sorted(menu.categories.items()), policy.k))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def snapshot_from_frames(
    respondents: pd.DataFrame,
    answers: Mapping[int, pd.DataFrame],
    codebook: Codebook,
    reference: Reference,
    policy: Policy,
    patterns: Mapping[tuple[int, str], Pattern] | None = None,
    fingerprints: Mapping[tuple[int, str], str] | None = None,
    stored_k: Mapping[int, int] | None = None,
    dimensions: tuple[str, ...] = MENU_DIMENSIONS,
    sector_merge: Mapping[str, str] | None = None,
    open_codes: Mapping[int, pd.DataFrame] | None = None,
    open_options: Mapping[tuple[int, str], tuple[str, ...]] | None = None,
) -> SurveySnapshot:
    """Aggregate respondents and each wave's closed answers to cells.

    ``dimensions`` and ``sector_merge`` exist for the visibility report, which compares menus.
    ``open_codes`` (per wave, ``results._open_cells.open_answer_codes``) and ``open_options``
    (theme ids per coded (wave, open question)) add the open questions' cells.
    """
    menu = build_menu(reference, dimensions, sector_merge)
    people = derive_dimensions(respondents, reference, menu.dimensions, sector_merge)
    cells: dict[tuple[int, str], CellTable] = {}
    for wave in sorted(people["wave"].unique()):
        wave_people = people.loc[people["wave"] == wave]
        population = build_cells(wave_people, menu)
        cells[(int(wave), POPULATION)] = population
        wave_answers = answers.get(int(wave))
        if wave_answers is None:
            continue
        counted = {q.id: q.option_codes for q in codebook.questions_in_wave(int(wave)) if q.type in COUNTED_TYPES}
        for question_id, table in count_question_cells(wave_people, menu, population, wave_answers, counted).items():
            cells[(int(wave), question_id)] = table
    options = dict(open_options or {})
    for wave in sorted({w for w, _ in options}):
        codes = (open_codes or {}).get(wave)
        if codes is None or (wave, POPULATION) not in cells:
            continue
        themes = {qid: theme_ids for (w, qid), theme_ids in options.items() if w == wave}
        cells.update({(wave, qid): table for qid, table in count_open_cells(
            people.loc[people["wave"] == wave], menu, cells[(wave, POPULATION)], codes, themes).items()})
    options = {key: value for key, value in options.items() if key in cells}
    return SurveySnapshot(codebook, reference, menu, policy, cells, dict(patterns or {}),
                          dict(fingerprints or {}), dict(stored_k or {}), options)


def _cell_of_respondents(people: pd.DataFrame, menu: Menu) -> np.ndarray:
    """Each respondent's cell index, numbered as :func:`anonymity.build_cells` numbers cells."""
    frame = people[list(menu.dimensions)].astype("object")
    frame = frame.where(frame.notna(), NOT_STATED).astype(str)
    return frame.groupby(list(menu.dimensions), sort=True).ngroup().to_numpy()


def count_question_cells(people: pd.DataFrame, menu: Menu, population: CellTable, answers: pd.DataFrame,
                         option_codes: Mapping[str, Sequence[str]]) -> dict[str, CellTable]:
    """Cells of every question of a wave in one pass over its answers (numpy counting, no per-question pandas).

    Equal, array for array, to ``build_cells(people, menu, answers_of_question, codes)`` for each
    question (a test compares the fingerprints), but the answers are mapped to cells once and
    each count is one ``bincount``: at 100,000 respondents and 2.9 million answer rows the
    per-question pandas version took most of the snapshot's load time.

    Parameters
    ----------
    people
        The wave's respondents with one column per menu dimension (``derive_dimensions``).
    population
        ``build_cells(people, menu)``: its labels and population are shared by every question.
    answers
        Long-form answers (``respondent_id, question_id, option_code``); other waves' rows are ignored.
    option_codes
        Question id -> its option codes, for the questions to count.
    """
    n_cells = len(population.labels)
    cell_of = _cell_of_respondents(people, menu)
    ids = people["respondent_id"].to_numpy(dtype=np.int64)
    order = np.argsort(ids, kind="stable")
    sorted_ids, sorted_cells = ids[order], cell_of[order]
    question_ids = list(option_codes)
    q_index = pd.Index(question_ids).get_indexer(answers["question_id"]).astype(np.int64)
    answer_ids = answers["respondent_id"].to_numpy(dtype=np.int64)
    position = np.searchsorted(sorted_ids, answer_ids).clip(max=max(len(sorted_ids) - 1, 0))
    keep = (q_index >= 0) & (sorted_ids[position] == answer_ids) if len(sorted_ids) else q_index < -1
    q_index, position = q_index[keep], position[keep]
    n_people, n_questions = len(sorted_ids), len(question_ids)
    # Base: distinct (question, respondent) pairs, counted per (question, cell).
    pairs = np.unique(q_index * n_people + position)
    base = np.bincount((pairs // n_people) * n_cells + sorted_cells[pairs % n_people],
                       minlength=n_questions * n_cells).reshape(n_questions, n_cells).astype(float)
    # Options: distinct (option, respondent) pairs over one numbering of every question's options.
    option_keys = [f"{qid}\x1f{code}" for qid in question_ids for code in option_codes[qid]]
    codes = answers["option_code"].to_numpy(dtype=object)[keep]
    keys = pd.Series(answers["question_id"].to_numpy(dtype=object)[keep], dtype=object) + "\x1f" + \
        pd.Series(codes, dtype=object).fillna("")
    o_index = pd.Index(option_keys).get_indexer(keys).astype(np.int64)
    ticked = o_index >= 0
    o_pairs = np.unique(o_index[ticked] * n_people + position[ticked])
    counts = np.bincount((o_pairs // n_people) * n_cells + sorted_cells[o_pairs % n_people],
                         minlength=max(len(option_keys), 1) * n_cells)[: len(option_keys) * n_cells]
    counts = counts.reshape(len(option_keys), n_cells).astype(float)
    return _assemble(population, question_ids, option_codes, base, counts)


def _assemble(population: CellTable, question_ids: Sequence[str], option_codes: Mapping[str, Sequence[str]],
              base: np.ndarray, counts: np.ndarray) -> dict[str, CellTable]:
    """One CellTable per question from (question x cell) bases and (option x cell) counts, laid out as build_cells."""
    out: dict[str, CellTable] = {}
    start = 0
    for q, qid in enumerate(question_ids):
        columns: dict[str, np.ndarray] = {SKIP: population.population - base[q]}
        for offset, code in enumerate(option_codes[qid]):
            columns[code] = counts[start + offset]
        start += len(option_codes[qid])
        out[qid] = CellTable(population.labels, population.population, base[q], pd.DataFrame(columns))
    return out


def count_open_cells(people: pd.DataFrame, menu: Menu, population: CellTable, codes: pd.DataFrame,
                     themes: Mapping[str, Sequence[str]]) -> dict[str, CellTable]:
    """Cells of a wave's coded open questions, as ``results._open_cells.build_open_cells`` makes them.

    The base is the substantive answers (their codes: themes and "uncoded"); "no content"
    answers are one more counted column. Counted in one numpy pass per kind instead of two
    ``build_cells`` calls per question.
    """
    no_content = codes["option_code"] == NO_CONTENT
    main = count_question_cells(people, menu, population, codes.loc[~no_content],
                                {qid: (*ids, UNCODED) for qid, ids in themes.items()})
    extra = count_question_cells(people, menu, population, codes.loc[no_content],
                                 {qid: (NO_CONTENT,) for qid in themes})
    out = {}
    for qid, table in main.items():
        categories = table.categories.copy() if table.categories is not None else pd.DataFrame()
        extra_categories = extra[qid].categories
        categories[NO_CONTENT] = extra_categories[NO_CONTENT].to_numpy() if extra_categories is not None else 0.0
        out[qid] = CellTable(table.labels, table.population, table.base, categories)
    return out


def cells_from_answer_counts(menu: Menu, population: CellTable, options: pd.DataFrame, bases: pd.DataFrame,
                             option_codes: Mapping[str, Sequence[str]], reference: Reference,
                             sector_merge: Mapping[str, str] | None = None) -> dict[str, CellTable]:
    """Cells of every question of a wave from counts the database made (``count_closed_answers``).

    Each background combination as answered (organisation type, ELY area, language) falls in
    exactly one cell, so distinct-respondent counts per combination add up to the cell counts
    :func:`count_question_cells` makes from the answer rows (a test compares them).
    """
    n_cells = len(population.labels)
    index = {key: i for i, key in enumerate(population.labels[list(menu.dimensions)].itertuples(index=False,
                                                                                             name=None))}

    def cells_of(frame: pd.DataFrame) -> np.ndarray:
        combos = frame[BACKGROUND_COLUMNS].astype("object").assign(respondent_id=0, wave=0)
        derived = derive_dimensions(combos, reference, menu.dimensions, sector_merge)
        keys = derived[list(menu.dimensions)].itertuples(index=False, name=None)
        return np.fromiter((index[key] for key in keys), dtype=np.int64, count=len(frame))

    question_ids = list(option_codes)
    base = np.zeros(len(question_ids) * n_cells)
    q_index = pd.Index(question_ids).get_indexer(bases["question_id"])
    keep = q_index >= 0
    np.add.at(base, q_index[keep] * n_cells + cells_of(bases.loc[keep]), bases["respondents"].to_numpy()[keep])
    option_keys = [f"{qid}\x1f{code}" for qid in question_ids for code in option_codes[qid]]
    keys = options["question_id"].astype("object") + "\x1f" + options["option_code"].astype("object").fillna("")
    o_index = pd.Index(option_keys).get_indexer(keys)
    keep = o_index >= 0
    counts = np.zeros(len(option_keys) * n_cells)
    np.add.at(counts, o_index[keep] * n_cells + cells_of(options.loc[keep]), options["respondents"].to_numpy()[keep])
    return _assemble(population, question_ids, option_codes, base.reshape(len(question_ids), n_cells),
                     counts.reshape(len(option_keys), n_cells))


def load_snapshot(session: Session, codebook: Codebook, reference: Reference, policy: Policy) -> SurveySnapshot:
    """Read respondents, closed-answer counts, coded open answers and stored patterns from the store.

    Closed answers are counted in the database (``count_closed_answers``), not read row by row:
    the cells are the same as :func:`snapshot_from_frames` makes from the rows.
    """
    respondents = load_respondents(session)
    open_options = {(run.wave, run.question_id): run.theme_ids for run in load_coding_runs(session)
                    if codebook.has_question(run.question_id)
                    and codebook.question(run.question_id).type == OPEN_TYPE}
    open_codes = {wave: open_answer_codes(load_answer_flags(session, wave), load_answer_themes(session, wave))
                  for wave in sorted({w for w, _ in open_options})}
    patterns: dict[tuple[int, str], Pattern] = {}
    fingerprints: dict[tuple[int, str], str] = {}
    stored_k: dict[int, int] = {}
    for wave, run in load_runs(session).items():
        stored_k[wave] = run.k
        for qid, stored in run.patterns.items():
            keys = {parse_key(text): reason for text, reason in stored.hidden.items()}
            patterns[(wave, qid)] = Pattern(frozenset(keys), keys)
            fingerprints[(wave, qid)] = stored.fingerprint
    snapshot = snapshot_from_frames(respondents, {}, codebook, reference, policy, patterns, fingerprints, stored_k,
                                    open_codes=open_codes, open_options=open_options)
    cells = dict(snapshot.cells)
    for wave in snapshot.waves:
        counted = {q.id: q.option_codes for q in codebook.questions_in_wave(wave) if q.type in COUNTED_TYPES}
        options, bases = count_closed_answers(session, wave)
        for question_id, table in cells_from_answer_counts(snapshot.menu, cells[(wave, POPULATION)], options, bases,
                                                           counted, reference).items():
            cells[(wave, question_id)] = table
    return dataclasses.replace(snapshot, cells=cells)


def _pattern_for(snapshot: SurveySnapshot, wave: int, question_id: str) -> tuple[CellTable, Pattern]:
    cells = snapshot.cells.get((wave, question_id))
    if cells is None:
        what = "respondents" if question_id == POPULATION else f"question {question_id!r}"
        raise ReleaseError(f"{what} has no data in wave {wave}")
    pattern = snapshot.patterns.get((wave, question_id))
    if (pattern is None or snapshot.stored_k.get(wave) != snapshot.policy.k
            or snapshot.fingerprints.get((wave, question_id)) != cells_fingerprint(cells)):
        raise ReleaseError(
            f"the protection pattern of wave {wave} is missing or out of date for the current data and "
            f"k={snapshot.policy.k}; run `python -m baro protect`"
        )
    return cells, pattern


def release_question(snapshot: SurveySnapshot, question_id: str, wave: int, view: View) -> ReleasedTable:
    """The protected table of one question in one view of the menu.

    An open question is released like a multi-select over its coded themes: the options are the
    theme ids, ``"uncoded"`` and ``"no_content"``; the base is the substantive answers.
    """
    if not snapshot.codebook.has_question(question_id):
        raise ReleaseError(f"unknown question {question_id!r}")
    question = snapshot.codebook.question(question_id)
    if question.type not in (*COUNTED_TYPES, OPEN_TYPE):
        raise ReleaseError(f"question {question_id!r} is of type {question.type}; it is not counted")
    if wave not in question.waves:
        raise ReleaseError(f"question {question_id!r} was not asked in {wave}")
    snapshot.menu.validate(view)
    if question.type == OPEN_TYPE:
        theme_ids = snapshot.open_options.get((wave, question_id))
        if theme_ids is None:
            raise ReleaseError(f"the open answers of {question_id!r} in {wave} have not been coded; "
                               "run `python -m baro themes --recode`")
        cells, pattern = _pattern_for(snapshot, wave, question_id)
        return release_view(cells, view, pattern, snapshot.menu, snapshot.policy, wave=wave,
                            question_id=question_id, question_type=OPEN_TYPE,
                            option_codes=open_option_codes(theme_ids),
                            option_values=(None,) * len(open_option_codes(theme_ids)))
    cells, pattern = _pattern_for(snapshot, wave, question_id)
    return release_view(
        cells, view, pattern, snapshot.menu, snapshot.policy, wave=wave, question_id=question_id,
        question_type=question.type, option_codes=question.option_codes,
        option_values=tuple(o.value for o in question.options),
        dont_know_codes=tuple(o.code for o in question.options if o.dont_know),
    )


def release_population(snapshot: SurveySnapshot, wave: int, view: View) -> ReleasedTable:
    """The protected respondent counts of one view (the Overview)."""
    snapshot.menu.validate(view)
    cells, pattern = _pattern_for(snapshot, wave, POPULATION)
    return release_view(cells, view, pattern, snapshot.menu, snapshot.policy, wave=wave)
