"""Cells of the open questions: each is counted like a multi-select whose options are its themes.

Why like a multi-select: a theme count is a number of respondents in a group, exactly as a ticked
option is, so the same joint protection covers it. The base is the respondents who wrote a
substantive answer; "uncoded" (substantive, no theme) is an option, and "no content" answers
("eos", "-") are one more counted column beside them, protected by the same pattern.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from anonymity import CellTable, Menu, build_cells
from themes import NO_CONTENT, UNCODED

CODE_COLUMNS = ["respondent_id", "question_id", "option_code"]

__all__ = ["CODE_COLUMNS", "NO_CONTENT", "UNCODED", "build_open_cells", "open_answer_codes",
           "open_option_codes"]


def open_option_codes(theme_ids: Sequence[str]) -> tuple[str, ...]:
    """The released "options" of an open question: its themes, then uncoded and no content."""
    return (*theme_ids, UNCODED, NO_CONTENT)


def open_answer_codes(flags: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Long frame (respondent, question, option code) of the coded open answers of one wave.

    Parameters
    ----------
    flags
        ``respondent_id, question_id, is_substantive`` per coded answer.
    themes
        ``respondent_id, question_id, theme_id`` per theme of an answer.
    """
    substantive = flags.loc[flags["is_substantive"].astype(bool), ["respondent_id", "question_id"]]
    themed = themes.rename(columns={"theme_id": "option_code"}).merge(
        substantive, on=["respondent_id", "question_id"], how="inner")
    has_theme = pd.MultiIndex.from_frame(themed[["respondent_id", "question_id"]])
    keys = pd.MultiIndex.from_frame(substantive)
    uncoded = substantive.loc[~keys.isin(has_theme)].assign(option_code=UNCODED)
    no_content = flags.loc[~flags["is_substantive"].astype(bool), ["respondent_id", "question_id"]]
    frames = [themed[CODE_COLUMNS], uncoded[CODE_COLUMNS], no_content.assign(option_code=NO_CONTENT)[CODE_COLUMNS]]
    return pd.concat(frames, ignore_index=True).sort_values(CODE_COLUMNS, ignore_index=True)


def build_open_cells(people: pd.DataFrame, menu: Menu, codes: pd.DataFrame,
                     theme_ids: Sequence[str]) -> CellTable:
    """Cells of one open question and wave; base = respondents with a substantive answer.

    ``codes`` is this question's part of :func:`open_answer_codes`.
    """
    no_content = codes["option_code"] == NO_CONTENT
    cells = build_cells(people, menu, codes.loc[~no_content], (*theme_ids, UNCODED))
    extra = build_cells(people, menu, codes.loc[no_content], (NO_CONTENT,))
    if cells.categories is None or extra.categories is None or not cells.labels.equals(extra.labels):
        raise RuntimeError("cells of one question and wave must share their labels")  # same people, same menu
    categories = cells.categories.copy()
    categories[NO_CONTENT] = extra.categories[NO_CONTENT].to_numpy()
    return CellTable(cells.labels, cells.population, cells.base, categories)
