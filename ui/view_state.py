"""View controls of the results pages, kept in the sidebar and in the URL at the same time.

Why the URL is the state: a coordinator copies the address and the reader sees the same view
(``?lang=sv&wave=2023&ely=uusimaa&q=programme_useful&by=sector``). Each run parses the URL with
the pure ``analysis.url_state`` (unknown or malformed values become a short notice and the
default), seeds the sidebar widgets from the result, and writes the full, valid view back to the
URL. A widget change writes its value to the URL in its callback, before the rerun parses it.
When the address has no view parameters at all (a page opened from the menu), the page's last
view in this session is restored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st

from analysis import url_state
from analysis.url_state import (
    DIMENSION_PARAMS,
    MALFORMED,
    NO_BREAKDOWN,
    NOT_IN_WAVE,
    NOT_OFFERED,
    SAME_AS_FILTER,
    SECOND_FILTER,
    ParsedState,
    SurveyChoices,
    UrlProblem,
    ViewState,
)
from ui.i18n import Translator

_MEMORY_KEY = "view_memory"
#: The value of the "no filter" choice of the filter-dimension widget.
NO_FILTER = "none"

__all__ = [
    "NO_FILTER",
    "bind_filter",
    "bind_selectbox",
    "current_params",
    "notice_problems",
    "problem_notice",
    "read_view",
    "write_view",
]


def current_params() -> dict[str, str]:
    """The view parameters of the current URL (``lang`` and anything unknown left out)."""
    own = set(url_state.view_params())
    return {key: value for key, value in st.query_params.to_dict().items() if key in own}


def read_view(page: str, parse: Callable[[Mapping[str, str], Mapping[str, str]], ParsedState]) -> ParsedState:
    """Parse the URL for ``page``; without any view parameter, restore the page's last view."""
    params = current_params()
    remembered: Mapping[str, str] = {} if params else st.session_state.get(_MEMORY_KEY, {}).get(page, {})
    return parse(params, remembered)


def write_view(page: str, state: ViewState) -> None:
    """Write ``state`` to the URL (dropping other view parameters) and remember it for ``page``."""
    wanted = url_state.state_to_params(state)
    for key in url_state.view_params():
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
    memory = dict(st.session_state.get(_MEMORY_KEY, {}))
    memory[page] = wanted
    st.session_state[_MEMORY_KEY] = memory


def problem_notice(problem: UrlProblem, t: Translator) -> str:
    """The short notice of one rejected URL value (the value itself is never echoed)."""
    if problem.reason == SECOND_FILTER:
        return t("url.notice.second_filter")
    if problem.reason == SAME_AS_FILTER:
        return t("url.notice.same_as_filter")
    if problem.reason == NOT_IN_WAVE:
        return t("url.notice.not_in_wave")
    if problem.reason == NOT_OFFERED:
        return t("url.notice.open_not_offered")
    what = {"wave": "wave", "q": "question", "section": "section", "by": "by", "measure": "measure",
            "option": "option"}.get(
        problem.param, "filter")
    if problem.reason == MALFORMED:
        return t("url.notice.malformed", what=t(f"url.param.{what}"))
    return t("url.notice.unknown", what=t(f"url.param.{what}"))


def notice_problems(problems: Sequence[UrlProblem], t: Translator) -> None:
    """One short warning listing what the URL asked for and could not get (shown once)."""
    if not problems:
        return
    lines = list(dict.fromkeys(problem_notice(p, t) for p in problems))
    st.warning(" ".join(lines), icon="⚠️")


def _set_param(key: str, param: str, encode: Callable[[Any], str] | None, clears: Sequence[str],
               extra: Callable[[Any], Mapping[str, str | None]] | None) -> None:
    """Callback of a bound widget: its new value into the URL, dependent parameters out."""
    value = st.session_state[key]
    for other in clears:
        if other in st.query_params:
            del st.query_params[other]
    if extra is not None:
        for other, other_value in extra(value).items():
            if other_value is None:
                if other in st.query_params:
                    del st.query_params[other]
            else:
                st.query_params[other] = other_value
    if param:
        st.query_params[param] = encode(value) if encode else str(value)


def bind_selectbox(
    container: Any,
    label: str,
    options: Sequence[Any],
    value: Any,
    *,
    key: str,
    param: str,
    format_func: Callable[[Any], str] = str,
    encode: Callable[[Any], str] | None = None,
    clears: Sequence[str] = (),
    extra: Callable[[Any], Mapping[str, str | None]] | None = None,
    kind: str = "selectbox",
) -> Any:
    """A selectbox (or ``kind="segmented_control"``) showing ``value``; its changes go to the URL.

    ``clears`` names URL parameters a change makes obsolete (a new section drops the question);
    ``extra(value)`` returns further parameters to set (or drop, with ``None``).
    """
    if value not in options:
        value = options[0]
    st.session_state[key] = value  # before the widget exists in this run: the URL decides
    callback = {"on_change": _set_param, "args": (key, param, encode, tuple(clears), extra)}
    if kind == "segmented_control":
        return container.segmented_control(label, options, key=key, format_func=format_func, required=True,
                                           **callback)
    return container.selectbox(label, options, key=key, format_func=format_func, **callback)


def bind_filter(container: Any, t: Translator, choices: SurveyChoices, state: ViewState, *, key_prefix: str,
                value_label: Callable[[str, str], str], dimensions: Sequence[str] | None = None) -> None:
    """Two selectboxes: the filter's dimension (or none) and its value; both follow the URL."""
    dims = list(dimensions if dimensions is not None else choices.menu.dimensions)
    current_dim = state.filter[0] if state.filter else NO_FILTER

    def on_dimension(value: Any) -> Mapping[str, str | None]:
        changes: dict[str, str | None] = {param: None for param in DIMENSION_PARAMS.values()}
        if value != NO_FILTER:
            changes[DIMENSION_PARAMS[value]] = choices.filter_values(value)[0]
            if st.query_params.get("by") in (value, DIMENSION_PARAMS[value]):
                changes["by"] = NO_BREAKDOWN if state.question_id is not None else None
        return changes

    bind_selectbox(container, t("view.filter_dimension"), [NO_FILTER, *dims], current_dim,
                   key=f"{key_prefix}_filter_dimension", param="",
                   format_func=lambda d: t("view.no_filter") if d == NO_FILTER else t(f"dimension.{d}"),
                   extra=on_dimension)
    if state.filter is not None:
        dim, value = state.filter
        bind_selectbox(container, t("view.filter_value"), list(choices.filter_values(dim)), value,
                       key=f"{key_prefix}_filter_value", param=DIMENSION_PARAMS[dim],
                       format_func=lambda v: value_label(dim, v))
