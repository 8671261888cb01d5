"""The view of a results page as URL query parameters, validated against the codebook and menu.

Why pure: a shared link (``?lang=sv&wave=2023&ely=uusimaa&q=programme_useful&by=sector``) must
reproduce the view, and any value a person or a link checker can type must end in a valid view
plus a short notice, never a traceback. Keeping the parsing free of Streamlit makes every case a
one-line unit test; ``ui/view_state.py`` binds it to widgets.

Precedence per parameter: a valid value in the URL, else the value remembered for the page in
this session, else the default. Every rejected value is reported as a :class:`UrlProblem`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from anonymity import NOT_STATED, Menu, View
from codebook import Question

#: Menu dimension -> its name in the URL (short, readable in a shared link).
DIMENSION_PARAMS: dict[str, str] = {
    "sector": "sector",
    "org_type": "org",
    "ely_area": "ely",
    "language": "survey_lang",
}
PARAM_WAVE = "wave"
PARAM_QUESTION = "q"
PARAM_SECTION = "section"
PARAM_BY = "by"
PARAM_MEASURE = "measure"
PARAM_AREA = DIMENSION_PARAMS["ely_area"]
#: The chosen option of a single-choice or multi-select question with a breakdown.
PARAM_OPTION = "option"
#: ``wave=2020,2023`` shows both waves side by side with the change (explorer, My region).
WAVES_BOTH = "2020,2023"
#: Filter dimensions of the "What changed" page (one value of one of them).
CHANGE_FILTER_DIMENSIONS: tuple[str, ...] = ("sector", "ely_area")
#: ``by=none`` asks for no breakdown (the explorer's default).
NO_BREAKDOWN = "none"
#: ``section=all`` on the heatmap shows the items of every section.
ALL_SECTIONS = "all"
#: Longer values are malformed, whatever they contain.
MAX_VALUE_LENGTH = 64

#: Reasons a value was rejected; the page turns each into a short notice.
UNKNOWN = "unknown"
MALFORMED = "malformed"
NOT_IN_WAVE = "not_in_wave"
SECOND_FILTER = "second_filter"
SAME_AS_FILTER = "same_as_filter"
#: A filter on a dimension the page does not offer (open answers: only sectors).
NOT_OFFERED = "not_offered"
#: Filter dimensions of the "Open answers" page (all respondents or one sector).
OPEN_FILTER_DIMENSIONS: tuple[str, ...] = ("sector",)

__all__ = [
    "ALL_SECTIONS",
    "DIMENSION_PARAMS",
    "MALFORMED",
    "MAX_VALUE_LENGTH",
    "NOT_IN_WAVE",
    "NOT_OFFERED",
    "OPEN_FILTER_DIMENSIONS",
    "parse_open_answers",
    "NO_BREAKDOWN",
    "PARAM_AREA",
    "PARAM_BY",
    "PARAM_MEASURE",
    "PARAM_OPTION",
    "WAVES_BOTH",
    "CHANGE_FILTER_DIMENSIONS",
    "parse_what_changed",
    "PARAM_QUESTION",
    "PARAM_SECTION",
    "PARAM_WAVE",
    "SAME_AS_FILTER",
    "SECOND_FILTER",
    "UNKNOWN",
    "ParsedState",
    "SurveyChoices",
    "UrlProblem",
    "ViewState",
    "parse_explorer",
    "parse_heatmap",
    "parse_region",
    "state_to_params",
    "view_params",
]


@dataclass(frozen=True)
class UrlProblem:
    """A parameter whose value was not used, and why (one of the reason constants)."""

    param: str
    reason: str


@dataclass(frozen=True)
class ViewState:
    """What a results page shows; fields a page does not use stay ``None``."""

    wave: int
    section: str | None = None
    question_id: str | None = None
    filter: tuple[str, str] | None = None
    by: str | None = None
    measure: str | None = None
    option: str | None = None
    #: Both waves side by side (``wave`` is then the later one).
    compare: bool = False

    @property
    def view(self) -> View:
        return View(self.filter, self.by)


@dataclass(frozen=True)
class ParsedState:
    """The validated state and what was rejected on the way."""

    state: ViewState
    problems: tuple[UrlProblem, ...] = ()


@dataclass(frozen=True)
class SurveyChoices:
    """What a URL may name: waves, the closed questions of each wave, sections, the menu.

    ``questions`` per wave are those the gate releases, in codebook order; ``sections`` lists
    section ids in codebook order (only sections with such questions are offered).
    """

    waves: tuple[int, ...]
    questions: Mapping[int, tuple[Question, ...]]
    sections: tuple[str, ...]
    menu: Menu
    measures: tuple[str, ...] = ()
    scale_types: tuple[str, ...] = ("agreement5", "grade10")
    _by_id: dict[int, dict[str, Question]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for wave in self.waves:
            self._by_id[wave] = {q.id: q for q in self.questions.get(wave, ())}

    @property
    def latest_wave(self) -> int:
        return max(self.waves)

    def question(self, wave: int, question_id: str) -> Question | None:
        return self._by_id.get(wave, {}).get(question_id)

    def sections_in(self, wave: int, types: Sequence[str] | None = None) -> list[str]:
        present = {q.section for q in self.questions.get(wave, ()) if types is None or q.type in types}
        return [s for s in self.sections if s in present]

    def questions_in(self, wave: int, section: str | None, types: Sequence[str] | None = None) -> list[Question]:
        return [q for q in self.questions.get(wave, ())
                if (section is None or q.section == section) and (types is None or q.type in types)]

    def areas(self) -> tuple[str, ...]:
        return tuple(a for a in self.menu.categories.get("ely_area", ()) if a != NOT_STATED)

    def filter_values(self, dimension: str) -> tuple[str, ...]:
        return tuple(v for v in self.menu.categories[dimension] if v != NOT_STATED)


class _Reader:
    """Reads one page's parameters, collecting problems."""

    def __init__(self, params: Mapping[str, str], remembered: Mapping[str, str]) -> None:
        self.params = params
        self.remembered = remembered
        self.problems: list[UrlProblem] = []

    def raw(self, param: str) -> tuple[str | None, bool]:
        """(cleaned value, from the URL?); a malformed URL value is reported and skipped."""
        value = self.params.get(param)
        if value is not None:
            cleaned = _clean(value)
            if cleaned is None:
                self.problems.append(UrlProblem(param, MALFORMED))
            else:
                return cleaned, True
        remembered = self.remembered.get(param)
        if remembered is not None:
            cleaned = _clean(remembered)
            if cleaned is not None:
                return cleaned, False
        return None, False

    def choice(self, param: str, allowed: Sequence[str], default: str, reason: str = UNKNOWN,
               silent: Sequence[str] = ()) -> str:
        """A value of ``allowed``; ``silent`` values (another page's) fall back without a notice."""
        value, from_url = self.raw(param)
        if value is None or (value in silent and value not in allowed):
            return default
        if value in allowed:
            return value
        if from_url:
            self.problems.append(UrlProblem(param, reason))
            # a bad URL value falls back past the remembered one to the default
        remembered = _clean(self.remembered.get(param, "") or "")
        if from_url and remembered in allowed:
            return remembered  # type: ignore[return-value]
        return default

    def reject(self, param: str, reason: str) -> None:
        self.problems.append(UrlProblem(param, reason))


def _clean(value: str) -> str | None:
    """The value stripped and lower-cased, or ``None`` when it is malformed."""
    text = str(value).strip()
    if not text or len(text) > MAX_VALUE_LENGTH or not text.isprintable():
        return None
    return text.lower()


def _dimension_of(value: str) -> str | None:
    """A breakdown/filter dimension named by its URL name or its menu code."""
    for dimension, param in DIMENSION_PARAMS.items():
        if value in (param, dimension):
            return dimension
    return None


def _wave(reader: _Reader, choices: SurveyChoices) -> int:
    """One wave; another page's ``wave=2020,2023`` falls back to the latest without a notice."""
    allowed = [str(w) for w in choices.waves]
    return int(reader.choice(PARAM_WAVE, allowed, str(choices.latest_wave), silent=(WAVES_BOTH,)))


def _wave_or_both(reader: _Reader, choices: SurveyChoices) -> tuple[int, bool]:
    """(wave, compare): one wave, or ``2020,2023`` (both, when the survey has both waves)."""
    allowed = [str(w) for w in choices.waves]
    if len(choices.waves) > 1:
        allowed.append(WAVES_BOTH)
    value = reader.choice(PARAM_WAVE, allowed, str(choices.latest_wave))
    if value == WAVES_BOTH:
        return choices.latest_wave, True
    return int(value), False


def _option(reader: _Reader, question: Question | None, by: str | None) -> str | None:
    """The option of a choice question's breakdown chart, validated against its options."""
    value, from_url = reader.raw(PARAM_OPTION)
    if question is None or question.type not in ("single", "multi") or by is None:
        return None
    codes = {code.lower(): code for code in question.option_codes}
    if value is None:
        return None
    if value in codes:
        return codes[value]
    if from_url:
        reader.reject(PARAM_OPTION, UNKNOWN)
    return None


def _filter(reader: _Reader, choices: SurveyChoices, dimensions: Sequence[str]) -> tuple[str, str] | None:
    """The one filter (first in menu order); further filters are reported and dropped."""
    found: tuple[str, str] | None = None
    for dimension in dimensions:
        param = DIMENSION_PARAMS[dimension]
        value, from_url = reader.raw(param)
        if value is None:
            continue
        if value not in choices.filter_values(dimension):
            if from_url:
                reader.reject(param, UNKNOWN)
            continue
        if found is not None:
            if from_url:
                reader.reject(param, SECOND_FILTER)
            continue
        found = (dimension, value)
    return found


def _by(reader: _Reader, choices: SurveyChoices, filter_: tuple[str, str] | None,
        default: str | None, required: bool) -> str | None:
    value, from_url = reader.raw(PARAM_BY)
    filter_dim = filter_[0] if filter_ else None
    candidates = [d for d in choices.menu.dimensions if d != filter_dim]
    fallback = default if default in candidates else (candidates[0] if required else None)
    if value is None:
        return fallback
    if value == NO_BREAKDOWN:  # another page's "no breakdown" asks for nothing wrong here
        return None if not required else fallback
    dimension = _dimension_of(value)
    if dimension is None or dimension not in choices.menu.dimensions:
        if from_url:
            reader.reject(PARAM_BY, UNKNOWN)
        return fallback
    if dimension == filter_dim:
        if from_url:
            reader.reject(PARAM_BY, SAME_AS_FILTER)
        return fallback
    return dimension


def _question(reader: _Reader, choices: SurveyChoices, wave: int) -> tuple[str, str]:
    """(section, question id): a valid ``q`` decides the section; else ``section`` then the default."""
    sections = choices.sections_in(wave)
    if not sections:
        raise ValueError(f"wave {wave} has no released closed questions")
    value, from_url = reader.raw(PARAM_QUESTION)
    if value is not None:
        question = choices.question(wave, value)
        if question is not None:
            return question.section, question.id
        if from_url:
            asked_elsewhere = any(choices.question(w, value) is not None for w in choices.waves)
            reader.reject(PARAM_QUESTION, NOT_IN_WAVE if asked_elsewhere else UNKNOWN)
    section = reader.choice(PARAM_SECTION, sections, sections[0], silent=(ALL_SECTIONS,))
    return section, choices.questions_in(wave, section)[0].id


def parse_explorer(params: Mapping[str, str], choices: SurveyChoices,
                   remembered: Mapping[str, str] | None = None) -> ParsedState:
    """Question explorer: ``wave`` (or ``2020,2023``), ``q`` (or ``section``), one filter, ``by``
    (default none) and, for a choice question with a breakdown, ``option``."""
    reader = _Reader(params, remembered or {})
    wave, compare = _wave_or_both(reader, choices)
    section, question_id = _question(reader, choices, wave)
    filter_ = _filter(reader, choices, choices.menu.dimensions)
    by = _by(reader, choices, filter_, None, required=False)
    option = _option(reader, choices.question(wave, question_id), by)
    return ParsedState(ViewState(wave, section, question_id, filter_, by, option=option, compare=compare),
                       tuple(reader.problems))


def parse_region(params: Mapping[str, str], choices: SurveyChoices,
                 remembered: Mapping[str, str] | None = None) -> ParsedState:
    """My region: ``wave`` (or ``2020,2023``), ``ely`` (the area, default the first) and ``section``."""
    reader = _Reader(params, remembered or {})
    wave, compare = _wave_or_both(reader, choices)
    areas = choices.areas()
    area = reader.choice(PARAM_AREA, areas, areas[0])
    sections = choices.sections_in(wave)
    section = reader.choice(PARAM_SECTION, sections, sections[0], silent=(ALL_SECTIONS,))
    return ParsedState(ViewState(wave, section, None, ("ely_area", area), None, compare=compare),
                       tuple(reader.problems))


def parse_what_changed(params: Mapping[str, str], choices: SurveyChoices,
                       remembered: Mapping[str, str] | None = None) -> ParsedState:
    """What changed: one filter, a value of ``sector`` or ``ely`` (or none); both waves always.

    A filter on another dimension is not offered here (the composition adjustment works on
    sector × ELY area) and is reported. A ``wave`` parameter is ignored: the page shows both.
    """
    reader = _Reader(params, remembered or {})
    for dimension, param in DIMENSION_PARAMS.items():
        if dimension not in CHANGE_FILTER_DIMENSIONS and params.get(param) is not None:
            reader.reject(param, UNKNOWN)
    filter_ = _filter(reader, choices, [d for d in choices.menu.dimensions if d in CHANGE_FILTER_DIMENSIONS])
    return ParsedState(ViewState(choices.latest_wave, None, None, filter_, None, compare=True),
                       tuple(reader.problems))


def parse_open_answers(params: Mapping[str, str], questions: Mapping[str, Sequence[int]], menu: Menu,
                       remembered: Mapping[str, str] | None = None) -> ParsedState:
    """Open answers: ``q`` (a coded open question, default the first), ``wave`` (one of its coded
    waves, default the latest) and at most one ``sector`` filter.

    A filter on another dimension is reported as :data:`NOT_OFFERED` and dropped: open answers are
    shown for all respondents and by sector only. ``by`` is ignored (the page has no breakdown).
    """
    if not questions:
        raise ValueError("no coded open questions")
    reader = _Reader(params, remembered or {})
    ids = list(questions)
    question_id = reader.choice(PARAM_QUESTION, ids, ids[0])
    waves = [str(w) for w in sorted(questions[question_id])]
    if not waves:
        raise ValueError(f"open question {question_id!r} has no coded wave")
    wave = int(reader.choice(PARAM_WAVE, waves, waves[-1], silent=(WAVES_BOTH,)))
    found: tuple[str, str] | None = None
    for dimension, param in DIMENSION_PARAMS.items():
        value, from_url = reader.raw(param)
        if value is None:
            continue
        allowed = [v for v in menu.categories.get(dimension, ()) if v != NOT_STATED]
        if dimension not in OPEN_FILTER_DIMENSIONS or dimension not in menu.dimensions:
            if from_url:
                reader.reject(param, NOT_OFFERED)
        elif value not in allowed:
            if from_url:
                reader.reject(param, UNKNOWN)
        else:
            found = (dimension, value)
    return ParsedState(ViewState(wave, None, question_id, found, None), tuple(reader.problems))


def parse_heatmap(params: Mapping[str, str], choices: SurveyChoices,
                  remembered: Mapping[str, str] | None = None, default_by: str = "sector") -> ParsedState:
    """Heatmap: ``wave``, ``section`` (or ``all``), one filter, ``by`` (required), ``measure``."""
    reader = _Reader(params, remembered or {})
    wave = _wave(reader, choices)
    sections = [ALL_SECTIONS, *choices.sections_in(wave, choices.scale_types)]
    section = reader.choice(PARAM_SECTION, sections, ALL_SECTIONS)
    filter_ = _filter(reader, choices, choices.menu.dimensions)
    by = _by(reader, choices, filter_, default_by, required=True)
    measure = reader.choice(PARAM_MEASURE, choices.measures, choices.measures[0]) if choices.measures else None
    return ParsedState(ViewState(wave, section, None, filter_, by, measure), tuple(reader.problems))


def state_to_params(state: ViewState) -> dict[str, str]:
    """The URL parameters that reproduce ``state`` (``lang`` is the frame's, not added here)."""
    params: dict[str, str] = {PARAM_WAVE: WAVES_BOTH if state.compare else str(state.wave)}
    if state.question_id is not None:
        params[PARAM_QUESTION] = state.question_id
    elif state.section is not None:
        params[PARAM_SECTION] = state.section
    if state.filter is not None:
        params[DIMENSION_PARAMS[state.filter[0]]] = state.filter[1]
    if state.question_id is not None or state.by is not None:
        params[PARAM_BY] = DIMENSION_PARAMS[state.by] if state.by is not None else NO_BREAKDOWN
    if state.measure is not None:
        params[PARAM_MEASURE] = state.measure
    if state.option is not None:
        params[PARAM_OPTION] = state.option
    return params


def view_params() -> tuple[str, ...]:
    """Every parameter name a results page owns (the frame owns ``lang``)."""
    return (PARAM_WAVE, PARAM_QUESTION, PARAM_SECTION, PARAM_BY, PARAM_MEASURE, PARAM_OPTION,
            *DIMENSION_PARAMS.values())


def with_filter(state: ViewState, filter_: tuple[str, str] | None) -> ViewState:
    """``state`` with another filter; a breakdown on the same dimension is dropped."""
    by = None if filter_ is not None and state.by == filter_[0] else state.by
    return replace(state, filter=filter_, by=by)
