"""Question explorer, My region and Heatmap under AppTest: every page × breakdown × language.

The database has the group sizes of tests/app/conftest.py (2023: 58 respondents, 2020: 21) and
seeded answers to every closed question. Numbers in the tables behind the charts are compared with
the gate's release in the JSON shape of ``python -m baro release`` (``table_to_dict``); one test
runs the command itself. Tables open lazily: a test opens one through its expander's session key.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from anonymity import NOT_STATED, Policy, View
from baro.commands.release import table_to_dict
from charts import DONT_KNOW_COLOUR
from codebook import load_codebook, load_reference
from data_access import create_engine_from_url, make_session_factory
from results import SurveySnapshot, load_snapshot, release_question
from tests.app.conftest import APP_PATH, APP_TIMEOUT_S, PROJECT_ROOT, SIZES_2020, SIZES_2023
from tests.builders import build_database, build_respondents
from ui.i18n import translate

REFERENCE = load_reference()
CODEBOOK = load_codebook(reference=REFERENCE)
LANGUAGES = ("fi", "sv", "en")
HIDDEN = "–"
NBSP = "\u00a0"
LISTS = {"org_type": "organisation_types", "ely_area": "ely_areas", "language": "languages"}
URL_NAMES = {"sector": "sector", "org_type": "org", "ely_area": "ely", "language": "survey_lang"}
#: Explorer cases: breakdown -> a question of each kind, so every chart type meets every breakdown.
EXPLORER_CASES = {
    None: "programme_useful",          # agreement, diverging bar
    "sector": "coop_grade_regional",   # grade, means by group
    "org_type": "dialogue_national",   # agreement by group
    "ely_area": "nat_participation_forms",  # multi-select, one option's share by group
    "language": "imm_involved_services",    # single choice by group
}


@pytest.fixture(scope="module")
def results_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The conftest group sizes, with seeded answers to every closed question of each wave."""
    path = tmp_path_factory.mktemp("results-pages") / "survey.sqlite"
    url = f"sqlite:///{path}"
    records = [
        *build_respondents(SIZES_2020, CODEBOOK.questions, wave=2020, seed=120),
        *build_respondents(SIZES_2023, CODEBOOK.questions, wave=2023, seed=123),
    ]
    build_database(url, records, codebook=CODEBOOK)
    return url


@pytest.fixture(scope="module")
def snapshot(results_database_url: str) -> Iterator[SurveySnapshot]:
    engine = create_engine_from_url(results_database_url)
    with make_session_factory(engine)() as session:
        yield load_snapshot(session, CODEBOOK, REFERENCE, Policy())
    engine.dispose()


@pytest.fixture(scope="module", autouse=True)
def caches_cleared_per_module() -> Iterator[None]:
    """One fresh cache for the module: its tests share one database, so they share its snapshot."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def fresh_streamlit_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Overrides conftest's per-test cache clearing (see above); the settings stay at their defaults."""
    for name in ("BARO_MIN_GROUP_SIZE", "BARO_MIN_QUOTE_GROUP_SIZE", "BARO_DEFAULT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def app(results_database_url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", results_database_url)
    return AppTest.from_file(APP_PATH, default_timeout=APP_TIMEOUT_S)


def open_page(at: AppTest, page: str, params: dict[str, str], tables: tuple[str, ...] = ()) -> AppTest:
    """Run app.py, switch to ``page`` with ``params`` in the URL, open the named tables."""
    at.query_params["lang"] = params.get("lang", "fi")
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    for key in tables:
        at.session_state[f"{key}_table"] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def released(snapshot: SurveySnapshot, question_id: str, wave: int, view: View) -> dict[str, Any]:
    """The view as ``python -m baro release --format json`` prints it."""
    return table_to_dict(release_question(snapshot, question_id, wave, view))


def label(dimension: str, code: str, lang: str) -> str:
    if code == NOT_STATED:
        return translate("dimension.not_answered", lang)
    if dimension == "sector":
        return translate(f"sector_class.{code}", lang)
    text = REFERENCE.label(LISTS[dimension], code, lang)
    return text[:1].upper() + text[1:]


def number(text: str) -> float:
    """A number as the page writes it (``1 234``, ``3,8``, ``42 %``, ``42%``)."""
    cleaned = text.replace(NBSP, "").replace(" ", "").replace("%", "").replace(",", ".")
    return float(cleaned.split("(")[0])


def figure(at: AppTest, position: int = 0) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(at.get("plotly_chart")[position].proto.spec)
    return spec


def check_group_table(table: pd.DataFrame, release: dict[str, Any], labels: dict[str, str], lang: str) -> int:
    """Rows are groups: n and every option's share equal the release; returns how many rows matched."""
    question = CODEBOOK.question(release["question"])
    option_names = {o.code: o.label[lang] for o in question.options}
    rows = table.set_index(table.columns[0])
    checked = 0
    for key, group in [("__total__", release["total"])] + [
        (r["group"][release["view"]["by"]], r) for r in release["rows"]
    ]:
        name = labels[key]
        if name not in rows.index:
            assert key == NOT_STATED and group["hidden"], f"{name} missing from the table"
            continue
        row = rows.loc[name]
        if group["hidden"]:
            assert row["n"] == HIDDEN and all(v == HIDDEN for v in row.tolist() if v)
            continue
        assert number(row["n"]) == group["base"], (name, row["n"], group["base"])
        for code, option in group["options"].items():
            assert number(row[option_names[code]]) == pytest.approx(100 * option["share"], abs=0.5), (name, code)
        mean_column = translate("results.mean_header", lang)
        if group.get("mean") is not None and mean_column in rows.columns:
            assert number(row[mean_column]) == pytest.approx(group["mean"], abs=0.05)
        checked += 1
    return checked


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("by", list(EXPLORER_CASES))
def test_explorer_tables_match_the_release_for_every_breakdown(app: AppTest, snapshot: SurveySnapshot,
                                                               by: str | None, lang: str) -> None:
    question_id = EXPLORER_CASES[by]
    params = {"lang": lang, "wave": "2023", "q": question_id, "by": URL_NAMES[by] if by else "none"}
    at = open_page(app, "pages/explorer.py", params, tables=("explorer",))
    assert not at.warning, [w.value for w in at.warning]
    question = CODEBOOK.question(question_id)
    release = released(snapshot, question_id, 2023, View(None, by))
    spec = figure(at)
    assert question.text_for(lang, 2023)[:40] in spec["layout"]["title"]["text"].replace("<br>", " ")
    base = release["total"]["base"]
    assert spec["layout"]["title"]["subtitle"]["text"].startswith(f"n = {base} · 2023")
    (table,) = at.table
    frame = table.value
    labels = {"__total__": translate("results.total", lang)}
    if by is not None:
        labels.update({r["group"][by]: label(by, r["group"][by], lang) for r in release["rows"]})
        assert check_group_table(frame, release, labels, lang) >= 2
    else:
        assert check_group_table(frame, release, labels, lang) == 1
    assert at.query_params["q"] == question_id and at.query_params["lang"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorer_choice_question_without_breakdown_lists_options(app: AppTest, snapshot: SurveySnapshot,
                                                                   lang: str) -> None:
    at = open_page(app, "pages/explorer.py", {"lang": lang, "q": "coop_partners", "wave": "2023"},
                   tables=("explorer",))
    release = released(snapshot, "coop_partners", 2023, View())
    question = CODEBOOK.question("coop_partners")
    frame = at.table[0].value.set_index(translate("results.answer_header", lang))
    share_column = next(c for c in frame.columns if c.endswith(translate("results.share_header", lang)))
    count_column = next(c for c in frame.columns if c.endswith(translate("results.count_header", lang)))
    for code, option in release["total"]["options"].items():
        name = question.option(code).label[lang]
        assert number(frame.loc[name, share_column]) == pytest.approx(100 * option["share"], abs=0.5)
        assert number(frame.loc[name, count_column]) == option["count"]
    (bars,) = [t for t in figure(at)["data"] if t["type"] == "bar"]
    shares = [x for x, colour in zip(bars["x"], bars["marker"]["color"], strict=True) if colour != DONT_KNOW_COLOUR]
    assert shares == sorted(shares, reverse=True) and len(shares) >= 5, "options sorted by share"
    assert sorted(bars["x"]) == sorted(o["share"] for o in release["total"]["options"].values())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("area", ["uusimaa", "kainuu"])
def test_my_region_sets_the_area_beside_the_whole_country(app: AppTest, snapshot: SurveySnapshot, area: str,
                                                          lang: str) -> None:
    first = "coop_grade_municipal"
    at = open_page(app, "pages/my_region.py", {"lang": lang, "ely": area, "wave": "2023",
                                               "section": "cooperation"}, tables=(f"region_{first}",))
    questions = [q for q in snapshot.released_questions(2023) if q.section == "cooperation" and q.is_closed]
    assert len(at.get("plotly_chart")) == len(questions)
    release = released(snapshot, first, 2023, View(None, "ely_area"))
    area_row = next(r for r in release["rows"] if r["group"]["ely_area"] == area)
    frame = at.table[0].value.set_index(translate("results.group_header", lang))
    country = frame.loc[translate("region.whole_country", lang)]
    assert number(country["n"]) == release["total"]["base"]
    assert number(country[translate("results.mean_header", lang)]) == pytest.approx(release["total"]["mean"],
                                                                                    abs=0.05)
    mine = frame.loc[label("ely_area", area, lang)]
    if area_row["hidden"]:
        assert mine["n"] == HIDDEN
    else:
        assert number(mine["n"]) == area_row["base"]
    hidden_in = [q.id for q in questions
                 if next(r for r in released(snapshot, q.id, 2023, View(None, "ely_area"))["rows"]
                         if r["group"]["ely_area"] == area)["hidden"]]
    if area == "kainuu":  # 3 respondents: hidden everywhere
        assert hidden_in == [q.id for q in questions]
    hidden_notices = [i for i in at.info if "🔒" in str(i.proto.icon)]
    # one notice for the page, not one per question (Kainuu once showed 13 identical ones)
    assert len(hidden_notices) == (1 if hidden_in else 0)
    if hidden_in:
        (notice,) = hidden_notices
        area_name = label("ely_area", area, lang)
        assert f"{area_name} –" in notice.value and str(len(hidden_in)) in notice.value
        assert f"Alueen {area_name}" not in notice.value, "no inflected name in Finnish"
    links = at.get("page_link")
    if hidden_in:
        assert links, "the page offers views that show more"
        assert all("explorer" in str(link.proto.page) for link in links)
        labels = [link.proto.label for link in links]
        assert len(labels) == len(set(labels)), "each view is linked once"
    assert at.query_params["ely"] == area


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("by", ["sector", "org_type", "ely_area", "language"])
def test_heatmap_cells_match_the_release_for_every_breakdown(app: AppTest, snapshot: SurveySnapshot, by: str,
                                                             lang: str) -> None:
    measure = "positive" if by == "org_type" else "mean"
    at = open_page(app, "pages/heatmap.py", {"lang": lang, "by": URL_NAMES[by], "measure": measure,
                                             "section": "cooperation", "wave": "2023"}, tables=("heatmap",))
    assert not at.warning
    frame = at.table[0].value.set_index(translate("heatmap.item_header", lang))
    item = "dialogue_municipal"
    release = released(snapshot, item, 2023, View(None, by))
    row = frame.loc[CODEBOOK.question(item).text_for(lang, 2023)]
    total = row[translate("results.total", lang)]
    if measure == "mean":
        assert number(total) == pytest.approx(release["total"]["mean"], abs=0.05)
    else:
        options = release["total"]["options"]
        agree = (options["4"]["count"] + options["5"]["count"]) / release["total"]["base"]
        assert number(total) == pytest.approx(100 * agree, abs=0.5)
    shown = 0
    for group in release["rows"]:
        name = label(by, group["group"][by], lang)
        if name not in frame.columns:
            assert group["group"][by] == NOT_STATED
            continue
        cell = row[name]
        if group["hidden"]:
            assert cell == HIDDEN
        elif measure == "mean" and group["mean"] is not None:
            assert number(cell) == pytest.approx(group["mean"], abs=0.05)
            shown += 1
    if by == "sector":  # the public sector (32 respondents) is shown in every item
        assert shown >= 1
    heat = next(t for t in figure(at)["data"] if t["type"] == "heatmap")
    assert len(heat["z"]) == len(frame)


def test_invalid_url_values_give_a_notice_and_the_default_not_a_traceback(app: AppTest) -> None:
    at = open_page(app, "pages/explorer.py", {"lang": "en", "wave": "1999", "q": "no_such_thing",
                                              "ely": "uusimaa", "sector": "public", "by": "<script>"})
    (warning,) = at.warning
    assert "wave" in warning.value and "question" in warning.value and "one filter" in warning.value
    assert "<script>" not in warning.value, "the rejected value is never echoed"
    assert at.query_params["wave"] == "2023" and at.query_params["q"] == "coop_grade_municipal"
    assert at.query_params["sector"] == "public" and "ely" not in at.query_params
    assert at.query_params["by"] == "none"
    at.run()
    assert not at.warning, "the URL is corrected, so the notice is shown once"


@pytest.mark.parametrize("page", ["pages/explorer.py", "pages/heatmap.py"])
def test_a_filter_under_k_is_refused_with_a_reason_not_numbers(app: AppTest, page: str) -> None:
    at = open_page(app, page, {"lang": "en", "ely": "kainuu", "by": "sector"})  # Kainuu: 3 respondents
    assert not at.get("plotly_chart") and not at.table
    (info,) = at.info
    assert "fewer than 5 respondents" in info.value


@pytest.mark.parametrize("page", ["pages/my_region.py", "pages/heatmap.py"])
def test_other_pages_fall_back_too(app: AppTest, page: str) -> None:
    at = open_page(app, page, {"lang": "sv", "ely": "atlantis", "measure": "max", "section": "x" * 200})
    assert len(at.warning) == 1
    assert at.get("plotly_chart")


def test_sidebar_changes_write_the_view_to_the_url(app: AppTest) -> None:
    at = open_page(app, "pages/explorer.py", {"lang": "fi"})
    at.selectbox(key="explorer_section").set_value("national").run()
    assert at.query_params["q"] == "nat_can_participate"
    at.selectbox(key="explorer_question").set_value("programme_useful").run()
    assert at.query_params["q"] == "programme_useful"
    at.selectbox(key="explorer_filter_dimension").set_value("ely_area").run()
    assert at.query_params["ely"] == "uusimaa"
    at.selectbox(key="explorer_filter_value").set_value("pirkanmaa").run()
    at.selectbox(key="explorer_by").set_value("sector").run()
    assert not at.exception
    assert (at.query_params["ely"], at.query_params["by"]) == ("pirkanmaa", "sector")
    assert "ely_area" not in at.selectbox(key="explorer_by").options
    spec = figure(at)
    assert "rajaus: Pirkanmaa" in spec["layout"]["title"]["subtitle"]["text"]
    at.selectbox(key="explorer_wave").set_value(2020).run()
    assert at.query_params["wave"] == "2020"
    assert at.query_params["q"] == "coop_grade_municipal", "2020 did not ask it: the section's first question"
    assert not at.warning


def test_the_page_remembers_its_view_when_opened_again_without_parameters(app: AppTest) -> None:
    at = open_page(app, "pages/heatmap.py", {"lang": "en", "by": "ely", "measure": "positive"})
    at.switch_page("pages/overview.py").run()
    for key in list(at.query_params):
        if key != "lang":
            del at.query_params[key]
    at.switch_page("pages/heatmap.py").run()
    assert (at.query_params["by"], at.query_params["measure"]) == ("ely", "positive")


def test_baro_release_prints_what_the_explorer_shows(results_database_url: str, snapshot: SurveySnapshot) -> None:
    """The JSON the tests compare with is what the command prints."""
    printed = subprocess.run(
        [sys.executable, "-m", "baro", "release", "--question", "programme_useful", "--wave", "2023", "--by",
         "sector", "--database-url", results_database_url],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=True,
    )
    assert json.loads(printed.stdout) == released(snapshot, "programme_useful", 2023, View(None, "sector"))


def test_page_scripts_stay_thin() -> None:
    for name in ("explorer.py", "my_region.py", "heatmap.py"):
        lines = (Path(PROJECT_ROOT) / "pages" / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) < 200, name
        source = "\n".join(lines)
        assert "groupby" not in source and "select(" not in source and "protect" not in source


USEFUL = {"fi": "Hyödyllinen (4–5)", "sv": "Nyttig (4–5)", "en": "Useful (4–5)"}
AGREE = {"fi": "Samaa mieltä (4–5)", "sv": "Instämmer (4–5)", "en": "Agree (4–5)"}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_positive_column_uses_the_scales_own_word(lang: str) -> None:
    """Usefulness items were labelled "agree (4–5)"; each 5-point scale names its positive end."""
    from ui.comparison_view import _measure_text
    from ui.i18n import translator
    from ui.results_view import chart_texts

    t = translator(lang)
    questions = {q.scale: q for q in load_codebook(reference=load_reference()).questions if q.scale}
    assert {"agree5", "useful5", "good5"} <= set(questions)
    headers = {scale: chart_texts(t, "", "", scale).positive_header for scale in ("agree5", "useful5", "good5")}
    assert headers["agree5"] == AGREE[lang] and headers["useful5"] == USEFUL[lang]
    assert len(set(headers.values())) == 3
    assert chart_texts(t, "", "").positive_header == AGREE[lang]
    assert _measure_text(t, "positive", "useful5") == USEFUL[lang][0].lower() + USEFUL[lang][1:]
    assert _measure_text(t, "mean", "useful5") == t("compare.measure.mean")
