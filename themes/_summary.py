"""Theme shares per question and wave from the pipeline's answer frame (counts, not yet gated).

Why respondents, not answers: an answer may carry several themes, so shares are of respondents
with a substantive answer and can add up to more than 100 %.
"""

from __future__ import annotations

import pandas as pd

from themes._model import ThemeCodebook

UNCODED = "uncoded"
#: Code of a "no content" answer ("eos", "-", "vet inte") where answers are counted by code.
NO_CONTENT = "no_content"
SUMMARY_COLUMNS: tuple[str, ...] = (
    "question_id", "wave", "theme_id", "n_respondents", "n_substantive", "n_no_content", "share",
)


def summarise_themes(answers: pd.DataFrame, codebook: ThemeCodebook) -> pd.DataFrame:
    """Respondents per theme, per question and wave, with an ``"uncoded"`` row.

    Parameters
    ----------
    answers
        ``PipelineResult.answers`` (or the stored equivalent with ``themes`` as tuples).
    codebook
        Gives the themes in order, so themes nobody mentioned still get a zero row.

    Returns
    -------
    pandas.DataFrame
        ``SUMMARY_COLUMNS``; ``share`` = n_respondents / n_substantive (NaN when no base).
        These are raw counts: release them only through the anonymity gate.
    """
    rows: list[dict[str, object]] = []
    if answers.empty:
        return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    for (question_id, wave), group in answers.groupby(["question_id", "wave"], sort=True):
        substantive = group[group["is_substantive"]].drop_duplicates("respondent_id")
        base = len(substantive)
        no_content = group.loc[~group["is_substantive"], "respondent_id"].nunique()
        counts: dict[str, int] = {}
        for themes in substantive["themes"]:
            for theme_id in themes:
                counts[theme_id] = counts.get(theme_id, 0) + 1
        uncoded = int(sum(1 for themes in substantive["themes"] if len(themes) == 0))
        theme_ids = list(codebook.question(str(question_id)).theme_ids) + [UNCODED]
        for theme_id in theme_ids:
            n = uncoded if theme_id == UNCODED else counts.get(theme_id, 0)
            rows.append({
                "question_id": question_id, "wave": wave, "theme_id": theme_id,
                "n_respondents": n, "n_substantive": base, "n_no_content": no_content,
                "share": n / base if base else float("nan"),
            })
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
