"""Calibration, structure, determinism and text realism of the seeded demo survey.

Each published figure is checked with the tolerance stated in the test name or its docstring.
Calibration tests run on the default seed 7 (what ``python -m baro demo`` builds) and on a second
seed, so the calibration is a property of the generator, not of one lucky draw.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from codebook import Codebook, Question, Reference, load_codebook, load_reference
from data_access import RespondentRecord
from data_access.demo import (
    DemoParameters,
    DemoSurvey,
    describe_parameters,
    generate_demo_respondents,
    generate_demo_survey,
)
from data_access.demo._open_answers import expand_template, templates_for
from data_access.demo._open_texts import PERSONS, THEME_TEMPLATES

SEEDS = (7, 2024)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "demo-data.md"


@cache
def _reference() -> Reference:
    return load_reference()


@cache
def _codebook() -> Codebook:
    return load_codebook(reference=_reference())


@cache
def _survey(seed: int) -> DemoSurvey:
    return generate_demo_survey(seed, codebook=_codebook(), reference=_reference())


def _wave(seed: int, wave: int) -> list[RespondentRecord]:
    return [r for r in _survey(seed).respondents if r.wave == wave]


def _sector(record: RespondentRecord) -> str:
    return _reference().sector_of(record.org_type) if record.org_type else "unknown"


def _values(seed: int, wave: int, question_id: str,
            keep: Callable[[RespondentRecord], bool] = lambda r: True) -> list[float]:
    """Numeric answers (don't know excluded) of one rated question."""
    return [a.value_num for r in _wave(seed, wave) if keep(r) for a in r.answers
            if a.question_id == question_id and a.value_num is not None]


def _agree_share(seed: int, wave: int, question_id: str) -> float:
    """Share of 4-5 among substantive (1-5) answers, as the dashboard shows it."""
    values = _values(seed, wave, question_id)
    return sum(v >= 4 for v in values) / len(values)


def _tick_shares(seed: int, wave: int, question_id: str) -> dict[str, float]:
    """Share of respondents who answered the question that ticked each option."""
    ticks: Counter[str] = Counter()
    answered = 0
    for record in _wave(seed, wave):
        codes = [a.option_code for a in record.answers if a.question_id == question_id]
        if codes:
            answered += 1
            ticks.update(c for c in codes if c is not None)
    return {code: n / answered for code, n in ticks.items()}


def _top(shares: dict[str, float], n: int, exclude: tuple[str, ...] = ("none",)) -> set[str]:
    ranked = sorted((c for c in shares if c not in exclude), key=lambda c: -shares[c])
    return set(ranked[:n])


def _open_answers(seed: int) -> list[tuple[RespondentRecord, str, str]]:
    return [(r, a.question_id, a.value_text) for r in _survey(seed).respondents
            for a in r.answers if a.value_text is not None]


def _substantive(seed: int, language: str | None = None) -> list[str]:
    plans = _survey(seed).open_answer_plans
    return [text for r, qid, text in _open_answers(seed)
            if not plans[(r.wave, r.source_id, qid)].non_answer
            and (language is None or r.survey_language == language)]


# --- who answered ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_respondents_per_wave_2020_about_790_and_2023_exactly_375(seed: int) -> None:
    """Published: 2020 'almost 800' (accepted 780-800), 2023 375 (exact)."""
    assert 780 <= len(_wave(seed, 2020)) <= 800
    assert len(_wave(seed, 2023)) == 375


def test_about_a_third_of_2023_from_uusimaa_tolerance_28_to_34_percent() -> None:
    share = sum(r.ely_area == "uusimaa" for r in _wave(7, 2023)) / 375
    assert 0.28 <= share <= 0.34


@pytest.mark.parametrize("wave", [2020, 2023])
def test_municipalities_and_ngos_are_the_largest_organisation_types(wave: int) -> None:
    counts = Counter(r.org_type for r in _wave(7, wave) if r.org_type)
    assert {code for code, _ in counts.most_common(2)} == {"municipality", "ngo"}


def test_wellbeing_services_counties_only_in_2023() -> None:
    assert not any(r.org_type == "wellbeing_county" for r in _wave(7, 2020))
    assert sum(r.org_type == "wellbeing_county" for r in _wave(7, 2023)) >= 5


@pytest.mark.parametrize("seed", SEEDS)
def test_small_groups_that_really_occur(seed: int) -> None:
    """Kainuu 2-3 in 2023 and 1-6 in 2020; a handful (3-9) of companies and religious
    communities per wave; one or two from Åland; a few (3-15) national actors."""
    for wave, kainuu in ((2023, (2, 3)), (2020, (1, 6))):
        counts = Counter(r.ely_area for r in _wave(seed, wave))
        orgs = Counter(r.org_type for r in _wave(seed, wave))
        assert kainuu[0] <= counts["kainuu"] <= kainuu[1]
        assert 1 <= counts["aland"] <= 2
        assert 3 <= counts["national"] <= 15
        assert 3 <= orgs["company"] <= 9
        assert 3 <= orgs["religious"] <= 9


def test_national_and_aland_respondents_are_not_local_authorities() -> None:
    for record in _survey(7).respondents:
        if record.ely_area == "national":
            assert record.org_type not in ("municipality", "wellbeing_county", "ely_centre",
                                           "te_office")
        if record.ely_area == "aland":
            assert record.org_type not in ("wellbeing_county", "ely_centre", "te_office")


@pytest.mark.parametrize("wave", [2020, 2023])
def test_language_mix_85_8_7_percent_tolerance_2_points(wave: int) -> None:
    records = _wave(7, wave)
    shares = {lang: n / len(records)
              for lang, n in Counter(r.survey_language for r in records).items()}
    assert shares["fi"] == pytest.approx(0.85, abs=0.02)
    assert shares["sv"] == pytest.approx(0.08, abs=0.02)
    assert shares["en"] == pytest.approx(0.07, abs=0.02)


@pytest.mark.parametrize("seed", SEEDS)
def test_swedish_answers_concentrate_in_pohjanmaa_uusimaa_and_varsinais_suomi(seed: int) -> None:
    """At least 80 % of Swedish respondents in those three areas (or Åland)."""
    for wave in (2020, 2023):
        swedish = [r for r in _wave(seed, wave) if r.survey_language == "sv"]
        core = sum(r.ely_area in ("pohjanmaa", "uusimaa", "varsinais_suomi", "aland")
                   for r in swedish)
        assert core / len(swedish) >= 0.8
        by_area = Counter(r.ely_area for r in _wave(seed, wave))
        sv_by_area = Counter(r.ely_area for r in swedish)
        big = [a for a, n in by_area.items() if a and n >= 10]
        assert max(big, key=lambda a: sv_by_area[a] / by_area[a]) == "pohjanmaa"


def test_submissions_fall_within_the_fieldwork() -> None:
    fieldwork = {2020: (date(2020, 12, 1), date(2021, 1, 31)),
                 2023: (date(2022, 11, 4), date(2023, 2, 24))}
    for record in _survey(7).respondents:
        assert record.submitted_at is not None
        start, end = fieldwork[record.wave]
        assert start <= record.submitted_at.date() <= end


def test_source_ids_are_unique_and_follow_submission_order() -> None:
    for wave in (2020, 2023):
        records = _wave(7, wave)
        assert len({r.source_id for r in records}) == len(records)
        assert all(r.source_id.startswith(f"demo-{wave}-") for r in records)
        times = [r.submitted_at for r in records]
        assert times == sorted(times)  # type: ignore[type-var]


# --- published results -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize(("question_id", "published_mean"), [
    ("coop_grade_municipal", 6.8), ("coop_grade_regional", 6.1), ("coop_grade_national", 5.5)])
def test_2020_cooperation_grade_means_within_0_15_of_published(
        seed: int, question_id: str, published_mean: float) -> None:
    assert statistics.mean(_values(seed, 2020, question_id)) == pytest.approx(published_mean,
                                                                              abs=0.15)


@pytest.mark.parametrize("seed", SEEDS)
def test_2020_cooperation_works_better_locally_than_nationally(seed: int) -> None:
    """Grades and dialogue: municipal > regional > national, each step at least 0.2."""
    for prefix in ("coop_grade", "dialogue"):
        means = [statistics.mean(_values(seed, 2020, f"{prefix}_{level}"))
                 for level in ("municipal", "regional", "national")]
        assert means[0] - means[1] >= 0.2
        assert means[1] - means[2] >= 0.2


@pytest.mark.parametrize("seed", SEEDS)
def test_2020_private_and_third_sector_agree_less_with_dialogue_items(seed: int) -> None:
    """Pooled mean of the three dialogue items: public at least 0.3 above third sector and
    private sector (private has only a handful of respondents, hence the pooled items)."""
    items = ("dialogue_municipal", "dialogue_regional", "dialogue_national")

    def pooled(sector: str) -> float:
        return statistics.mean(v for q in items
                               for v in _values(seed, 2020, q, lambda r: _sector(r) == sector))

    assert pooled("public") - pooled("third_sector") >= 0.3
    assert pooled("public") - pooled("private") >= 0.3


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("question_id", [
    "info_available_municipal", "info_available_regional", "info_available_national_2020"])
def test_2020_information_easy_to_find_majority_agrees_at_least_52_percent(
        seed: int, question_id: str) -> None:
    assert _agree_share(seed, 2020, question_id) >= 0.52


@pytest.mark.parametrize("seed", SEEDS)
def test_2020_knowledge_used_over_half_municipally_under_half_elsewhere(seed: int) -> None:
    """Margins of 2 points from 50 %: municipal >= 52 %, regional and national <= 48 %."""
    assert _agree_share(seed, 2020, "knowledge_used_municipal") >= 0.52
    assert _agree_share(seed, 2020, "knowledge_used_regional") <= 0.48
    assert _agree_share(seed, 2020, "knowledge_used_national") <= 0.48


@pytest.mark.parametrize("seed", SEEDS)
def test_2023_most_find_the_programme_useful_over_55_percent(seed: int) -> None:
    assert _agree_share(seed, 2023, "programme_useful") >= 0.55


@pytest.mark.parametrize("seed", SEEDS)
def test_2023_cooperation_opportunities_fairly_good(seed: int) -> None:
    """The most common answer is 4 'fairly good' and over half answer 4-5."""
    values = Counter(_values(seed, 2023, "coop_opportunities"))
    assert values.most_common(1)[0][0] == 4.0
    assert _agree_share(seed, 2023, "coop_opportunities") > 0.5


@pytest.mark.parametrize("seed", SEEDS)
def test_2023_top_benefits_are_partners_third_sector_cooperation_and_information(
        seed: int) -> None:
    shares = _tick_shares(seed, 2023, "nat_benefits")
    top = _top(shares, 3)
    assert top == {"new_partners", "third_sector_authority", "information_exchange"}
    assert min(shares[c] for c in top) - max(v for c, v in shares.items()
                                             if c not in top and c != "none") >= 0.05


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("question_id", ["nat_participation_forms", "reg_participation_forms"])
def test_2023_trainings_webinars_newsletters_most_common_participation(
        seed: int, question_id: str) -> None:
    assert _top(_tick_shares(seed, 2023, question_id), 3) == {"trainings", "webinars",
                                                               "newsletter"}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("prefix", ["nat_useful_", "reg_useful_"])
def test_2023_trainings_webinars_newsletters_most_useful(seed: int, prefix: str) -> None:
    """The three highest usefulness means (don't know excluded), by at least 0.1."""
    means = {q.id.removeprefix(prefix): statistics.mean(_values(seed, 2023, q.id))
             for q in _codebook().questions_in_wave(2023) if q.id.startswith(prefix)}
    ranked = sorted(means, key=lambda k: -means[k])
    assert set(ranked[:3]) == {"trainings", "webinars", "newsletter"}
    assert means[ranked[2]] - means[ranked[3]] >= 0.1


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("wave", [2020, 2023])
def test_about_14_percent_involve_immigrants_in_services_tolerance_3_points(
        seed: int, wave: int) -> None:
    answers = [a.option_code for r in _wave(seed, wave) for a in r.answers
               if a.question_id == "imm_involved_services"]
    assert sum(c == "yes" for c in answers) / len(answers) == pytest.approx(0.14, abs=0.03)


def test_2020_partners_municipal_immigrant_services_and_education_on_top() -> None:
    assert _top(_tick_shares(7, 2020, "coop_partners_2020"), 2) == {
        "municipal_immigrant_services", "educational_institutions"}


def test_development_needs_rooting_and_codevelopment_2020_structural_change_2023() -> None:
    assert _top(_tick_shares(7, 2020, "dev_needs_2020"), 2) == {"rooting_practices",
                                                                 "co_development"}
    assert _top(_tick_shares(7, 2023, "dev_needs"), 1) == {"structural_participation"}


# --- real-data features ------------------------------------------------------------------------


@pytest.mark.parametrize("wave", [2020, 2023])
def test_item_non_response_on_every_question_and_growing_towards_the_end(wave: int) -> None:
    """No question is mandatory: every question misses at least 1.5 %; closed questions miss
    at most 20 %; the later half of the closed questions misses more than the first half."""
    records = _wave(7, wave)
    questions = [q for q in _codebook().questions_in_wave(wave) if q.type != "background"]
    missing: dict[str, float] = {}
    for question in questions:
        answered = sum(any(a.question_id == question.id for a in r.answers) for r in records)
        missing[question.id] = 1 - answered / len(records)
        assert missing[question.id] >= 0.015, question.id
        if question.type != "open":
            assert missing[question.id] <= 0.20, question.id
    closed = [missing[q.id] for q in questions if q.type != "open"]
    half = len(closed) // 2
    assert statistics.mean(closed[half:]) > statistics.mean(closed[:half])


@pytest.mark.parametrize("wave", [2020, 2023])
def test_dont_know_answers_on_agreement_items(wave: int) -> None:
    """Every 1-5 item with a don't-know option gets some (1-50 %) don't-know answers."""
    for question in _codebook().questions_in_wave(wave):
        if question.type != "agreement5" or not any(o.dont_know for o in question.options):
            continue
        codes = [a.option_code for r in _wave(7, wave) for a in r.answers
                 if a.question_id == question.id]
        share = sum(c == "dk" for c in codes) / len(codes)
        assert 0.01 <= share <= 0.5, (question.id, share)


def _check_answers(question: Question, record: RespondentRecord) -> None:
    answers = [a for a in record.answers if a.question_id == question.id]
    if not answers:
        return
    if question.type == "open":
        assert len(answers) == 1 and answers[0].value_text and answers[0].option_code is None
        return
    codes = [a.option_code for a in answers]
    assert len(codes) == len(set(codes))
    if question.type != "multi":
        assert len(answers) == 1
    if question.exclusive and set(codes) & set(question.exclusive):
        assert len(codes) == 1
    for answer in answers:
        option = question.option(str(answer.option_code))
        assert answer.value_num == option.value
        assert answer.value_text is None


def test_answers_use_codebook_options_values_and_waves() -> None:
    """Codes and value_num as in the codebook; one row per ticked option; exclusive options
    alone; background items are respondent fields; every question of a wave gets answers."""
    codebook = _codebook()
    for wave in (2020, 2023):
        questions = {q.id: q for q in codebook.questions_in_wave(wave)}
        seen: set[str] = set()
        for record in _wave(7, wave):
            for answer in record.answers:
                assert answer.question_id in questions, answer.question_id
                assert answer.question_id not in ("org_type", "ely_area", "survey_language")
                seen.add(answer.question_id)
            for question in questions.values():
                _check_answers(question, record)
        expected = {q.id for q in questions.values() if q.type != "background"}
        assert seen == expected


def test_answers_move_together_through_latent_satisfaction_and_engagement() -> None:
    """Correlated, not independent noise: municipal grade vs municipal dialogue r >= 0.2, and
    respondents who took part in three or more national activities find the programme more
    useful (by at least 0.3) than those who took part in none."""
    pairs = []
    for record in _wave(7, 2020):
        by_q = {a.question_id: a.value_num for a in record.answers}
        if by_q.get("coop_grade_municipal") is not None and by_q.get("dialogue_municipal"):
            pairs.append((by_q["coop_grade_municipal"], by_q["dialogue_municipal"]))
    grades, dialogue = zip(*pairs, strict=True)
    assert statistics.correlation(grades, dialogue) >= 0.2

    def forms(record: RespondentRecord) -> list[str]:
        return [str(a.option_code) for a in record.answers
                if a.question_id == "nat_participation_forms"]

    active = _values(7, 2023, "programme_useful", lambda r: len(forms(r)) >= 3)
    passive = _values(7, 2023, "programme_useful", lambda r: forms(r) == ["none"])
    assert statistics.mean(active) - statistics.mean(passive) >= 0.3


# --- open answers ------------------------------------------------------------------------------


@pytest.mark.parametrize("wave", [2020, 2023])
def test_40_to_60_percent_answer_each_open_question(wave: int) -> None:
    records = _wave(7, wave)
    for question_id in ("open_benefits", "open_development", "open_participation",
                        "open_comments"):
        answered = sum(any(a.question_id == question_id for a in r.answers) for r in records)
        assert 0.40 <= answered / len(records) <= 0.60, question_id


_MARKERS = {
    "fi": {"ja", "on", "että", "ovat", "olemme", "pitäisi", "tarvitaan", "kanssa", "ei", "myös",
           "kiitos", "tietoa", "yhteistyö", "välillä", "mukaan", "enemmän"},
    "sv": {"och", "att", "har", "vi", "det", "med", "för", "som", "är", "borde", "mellan", "på",
           "i", "tack", "inte"},
    "en": {"the", "and", "we", "to", "of", "is", "should", "have", "with", "for", "between",
           "in", "thank", "more", "not"},
}


def test_open_answers_are_written_in_the_respondents_language() -> None:
    """At least 95 % of substantive answers score highest on their own language's words."""
    plans = _survey(7).open_answer_plans
    checked = hits = 0
    for record, question_id, text in _open_answers(7):
        if plans[(record.wave, record.source_id, question_id)].non_answer:
            continue
        words = re.findall(r"[^\W\d_]+", text.lower())
        scores = {lang: sum(w in markers for w in words) for lang, markers in _MARKERS.items()}
        checked += 1
        hits += max(scores, key=lambda lang: scores[lang]) == record.survey_language
    assert hits / checked >= 0.95


def test_open_answers_vary_like_natural_text() -> None:
    """At least 90 % of substantive Finnish answers distinct; never one keyword (two words at
    least, six or more in most answers); inflected forms of the same words; some lowercase."""
    finnish = _substantive(7, "fi")
    assert len(finnish) >= 1000
    assert len(set(finnish)) / len(finnish) >= 0.90
    lengths = [len(t.split()) for t in finnish]
    assert min(lengths) >= 2
    assert sum(n >= 6 for n in lengths) / len(lengths) >= 0.6
    tokens = {w for t in finnish for w in re.findall(r"[^\W\d_]+", t.lower())}
    assert len({w for w in tokens if w.startswith("kumppan")}) >= 4
    assert len({w for w in tokens if w.startswith("yhteistyö")}) >= 4
    assert len({w for w in tokens if w.startswith("maahanmuutta")}) >= 4
    assert sum(t == t.lower() for t in finnish) / len(finnish) >= 0.05


def test_non_answers_in_every_language() -> None:
    texts = defaultdict(set)
    for record, _qid, text in _open_answers(7):
        texts[record.survey_language].add(text.lower().strip("."))
    assert texts["fi"] & {"eos", "en osaa sanoa", "-", "?"}
    assert texts["sv"] & {"vet inte", "vet ej", "-", "?"}
    assert texts["en"] & {"no comment", "n/a", "-", "?"}


_EMAIL = re.compile(r"[\w.]+@[\w.-]+\.\w+")
_PHONE = re.compile(r"(\+358|\b0)\s?\d{2}[\s-]?\d{3}\s?\d{3,4}\b")


def test_a_few_answers_carry_personal_data_about_1_to_2_percent() -> None:
    """Names, e-mail addresses and Finnish phone numbers, each in at least 3 answers; all
    together 0.5-3 % of the open answers."""
    texts = [text for _r, _q, text in _open_answers(7)]
    names = [f"{first} {last}" for people in PERSONS.values() for first, last, *_ in people]
    name_prefixes = tuple(n[: n.index(" ") + 5] for n in names)
    with_name = [t for t in texts if any(p in t for p in name_prefixes)]
    with_email = [t for t in texts if _EMAIL.search(t)]
    with_phone = [t for t in texts if _PHONE.search(t)]
    assert len(with_name) >= 3 and len(with_email) >= 3 and len(with_phone) >= 3
    share = len(set(with_name) | set(with_email) | set(with_phone)) / len(texts)
    assert 0.005 <= share <= 0.03
    assert _PHONE.search("soita 040 123 4567") and _PHONE.search("+358 50 765 4321")


def test_intended_themes_follow_the_published_findings() -> None:
    plans = _survey(7).open_answer_plans

    def theme_counts(wave: int, question_id: str) -> Counter[str]:
        return Counter(t for (w, _s, q), plan in plans.items() if w == wave and q == question_id
                       for t in plan.themes)

    assert {t for t, _ in theme_counts(2023, "open_benefits").most_common(3)} == {
        "new_partners", "third_sector_authority", "information_exchange"}
    assert theme_counts(2023, "open_development").most_common(1)[0][0] == (
        "structural_participation")
    top_2020 = {t for t, _ in theme_counts(2020, "open_development").most_common(2)}
    assert top_2020 == {"rooting_practices", "co_development_networks"}
    assert all(1 <= len(p.themes) <= 3 for p in plans.values() if not p.non_answer)
    assert all(not p.themes for p in plans.values() if p.non_answer)


def test_every_theme_template_expands_in_every_language() -> None:
    import random

    rng = random.Random(0)
    params = DemoParameters()
    themes = {t for by_wave in params.open_theme_weights.values() for weights in by_wave.values()
              for t in weights}
    for theme in themes:
        for language in ("fi", "sv", "en"):
            for wave in (2020, 2023):
                for template in templates_for(theme, language, "open_benefits", wave):
                    text = expand_template(template, rng)
                    assert "{" not in text and "}" not in text and "|" not in text
    assert set(THEME_TEMPLATES) >= themes


# --- determinism, parameters, speed ------------------------------------------------------------


def test_same_seed_gives_identical_data_and_another_seed_different_data() -> None:
    again = generate_demo_respondents(7)
    assert again == _survey(7).respondents
    other = generate_demo_respondents(8)
    assert other != again
    assert [r.answers for r in other] != [r.answers for r in again]


def test_every_parameter_has_a_source_and_is_documented() -> None:
    documented = DOCS.read_text(encoding="utf-8")
    for name, _value, source in describe_parameters():
        assert source, name
        assert f"`{name}`" in documented, f"{name} missing from docs/demo-data.md"
    assert len(describe_parameters()) == len(fields(DemoParameters))


def test_inconsistent_parameters_are_refused_with_the_field_named() -> None:
    with pytest.raises(ValueError, match="org_type_counts\\[2023\\] sums to 375, not 400"):
        DemoParameters(respondents_per_wave={2020: 792, 2023: 400})


def test_generating_both_waves_takes_well_under_5_seconds() -> None:
    started = time.perf_counter()
    generate_demo_respondents(99, codebook=_codebook(), reference=_reference())
    assert time.perf_counter() - started < 5.0
