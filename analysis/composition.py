"""Who answered: respondent counts per background category and wave.

Why a module of its own: the Overview page, exports and the anonymity gate all need the same
counts in the same order (the reference lists' order, with empty categories listed), and derived
groupings (sector from organisation type, 2026 centre from ELY area) must be derived in one place.

Pure pandas: no Streamlit, no SQLAlchemy. The input is the respondents frame of
``data_access.load_respondents`` (columns ``wave``, ``survey_language``, ``org_type``,
``ely_area``).
"""

from __future__ import annotations

import pandas as pd

from codebook import Reference, load_reference

#: Dimensions a composition can be broken down by, and the reference list of each.
REFERENCE_LISTS: dict[str, str] = {
    "org_type": "organisation_types",
    "sector": "sectors",
    "ely_area": "ely_areas",
    "centre": "centres",
    "survey_language": "languages",
}
DIMENSIONS: tuple[str, ...] = tuple(REFERENCE_LISTS)
#: Dimensions whose answer a respondent may skip (no question was mandatory); the survey
#: language is known from the link, so it is never missing.
SKIPPABLE_DIMENSIONS: frozenset[str] = frozenset({"org_type", "sector", "ely_area", "centre"})
#: The category of respondents who did not answer the background question.
NOT_ANSWERED = "not_answered"
#: The single category of :func:`summarise_waves`.
ALL_RESPONDENTS = "all"
#: Columns of a released (hidden-flagged) table, the shape pages and chart builders accept.
RELEASED_COLUMNS: tuple[str, ...] = ("category", "wave", "count", "hidden")


def derive_groupings(respondents: pd.DataFrame, reference: Reference | None = None) -> pd.DataFrame:
    """A copy of ``respondents`` with ``sector`` and ``centre`` derived from the answers.

    Respondents keep what they answered (organisation type, ELY area); the groupings follow the
    reference lists, so a reorganisation such as the 2026 centres changes data, not code.
    A skipped answer stays missing in the derived column too.
    """
    ref = reference if reference is not None else load_reference()
    sectors = {item.code: item.parent for item in ref.organisation_types}
    centres = {item.code: item.parent for item in ref.ely_areas}
    derived = respondents.copy()
    derived["sector"] = respondents["org_type"].map(sectors)
    derived["centre"] = respondents["ely_area"].map(centres)
    return derived


def _wave_columns(respondents: pd.DataFrame) -> list[int]:
    return sorted(int(w) for w in respondents["wave"].dropna().unique())


def summarise_composition(
    respondents: pd.DataFrame, dimension: str, reference: Reference | None = None
) -> pd.DataFrame:
    """Respondents per category of ``dimension`` and wave.

    Returns one row per category in the reference list's order, every category listed (empty
    ones with 0), then a :data:`NOT_ANSWERED` row for dimensions a respondent could skip.
    Columns: ``category`` and one integer column per wave present in the data, named by the
    wave (``"2020"``, ``"2023"``).

    Raises ``ValueError`` for an unknown dimension or a code that is not in the reference list
    (the importer validates codes, so this is a broken store, not a user error).
    """
    if dimension not in REFERENCE_LISTS:
        raise ValueError(f"unknown dimension {dimension!r}; one of {', '.join(DIMENSIONS)}")
    ref = reference if reference is not None else load_reference()
    frame = respondents
    if dimension not in frame.columns:
        frame = derive_groupings(respondents, ref)
    codes = list(ref.codes(REFERENCE_LISTS[dimension]))
    if dimension in SKIPPABLE_DIMENSIONS:
        codes.append(NOT_ANSWERED)
    values = frame[dimension].astype("object").where(frame[dimension].notna(), NOT_ANSWERED)
    unknown = sorted(set(values) - set(codes))
    if unknown:
        raise ValueError(f"{dimension}: codes not in the reference list: {unknown}")
    waves = _wave_columns(frame)
    counts = pd.crosstab(values, frame["wave"]) if len(frame) else pd.DataFrame()
    table = pd.DataFrame({"category": codes})
    for wave in waves:
        column = counts[wave] if wave in counts.columns else pd.Series(dtype="int64")
        table[str(wave)] = [int(column.get(code, 0)) for code in codes]
    return table


def summarise_waves(respondents: pd.DataFrame) -> pd.DataFrame:
    """All respondents per wave, in the shape of :func:`summarise_composition` (one row)."""
    counts = respondents["wave"].value_counts()
    table = pd.DataFrame({"category": [ALL_RESPONDENTS]})
    for wave in _wave_columns(respondents):
        table[str(wave)] = [int(counts.get(wave, 0))]
    return table


def hide_small_groups(table: pd.DataFrame, min_group_size: int) -> pd.DataFrame:
    """Release a composition table: counts under ``min_group_size`` are hidden.

    TEMPORARY SIMPLE RULE, to be replaced by the anonymity gate: a cell is hidden when fewer
    than ``min_group_size`` respondents are in it, and an empty cell (0) is hidden the same way,
    so a hidden group and an absent one look alike. It does not yet protect against differencing
    (a wave total minus the shown groups, sector against organisation type, ELY area against
    centre); the gate adds that complementary hiding.

    Returns the released long table (:data:`RELEASED_COLUMNS`): one row per category and wave,
    in the category order of ``table`` and ascending waves; ``count`` is a nullable integer that
    is ``<NA>`` exactly where ``hidden`` is true. Pages and chart builders only see this shape.
    """
    if min_group_size < 1:
        raise ValueError(f"min_group_size must be at least 1, got {min_group_size}")
    wave_columns = [c for c in table.columns if c != "category"]
    rows: list[dict[str, object]] = []
    for record in table.to_dict("records"):
        for column in wave_columns:
            count = int(record[column])
            hidden = count < min_group_size
            rows.append(
                {
                    "category": record["category"],
                    "wave": int(column),
                    "count": pd.NA if hidden else count,
                    "hidden": hidden,
                }
            )
    released = pd.DataFrame(rows, columns=list(RELEASED_COLUMNS))
    released["wave"] = released["wave"].astype("int64")
    released["count"] = released["count"].astype("Int64")
    released["hidden"] = released["hidden"].astype(bool)
    return released
