"""The seeded demo survey: respondents of both waves answering the codebook.

Why it exists: the dashboard, its anonymity gate and the text pipeline need realistic data before
(and besides) the real exports, and the published results give enough to calibrate it. The
generator is deterministic: every stage draws from its own ``random.Random`` seeded by
``(seed, wave, stage, question)``, so the same seed always gives the same survey and a change in
one question's model leaves the other questions' answers untouched.

How answers hang together: each respondent has a latent *satisfaction* with cooperation and a
correlated *engagement* with the programme; rated items load on them (plus sector and region
effects), multi-selects tick more options with more engagement, usefulness ratings depend on
having taken part, and open answers talk about what the respondent ticked. Breakdowns by sector
or region therefore show real, stable differences.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from codebook import Codebook, Option, Question, Reference, load_codebook, load_reference
from data_access.demo._open_answers import (
    PERSONAL_DATA_KINDS,
    OpenAnswerPlan,
    TextStyle,
    compose_answer,
    non_answer,
    plant_personal_data,
)
from data_access.demo._parameters import DemoParameters, MultiItem, ScaleItem
from data_access.store import AnswerRecord, RespondentRecord

#: Source ids of demo respondents start with this, so a rebuild can replace exactly them.
SOURCE_PREFIX = "demo-"
#: Background items are respondent fields, not answers.
RESPONDENT_FIELDS: frozenset[str] = frozenset({"org_type", "ely_area", "survey_language"})

#: Relative frequency of answers by hour of day (office hours, some evenings).
_HOUR_WEIGHTS: tuple[float, ...] = (0.1, 0.05, 0.02, 0.02, 0.02, 0.1, 0.4, 1.5, 4, 6, 6, 5, 4,
                                    5, 5, 4, 2.5, 1.5, 1.2, 1.4, 1.5, 1.3, 0.8, 0.3)
#: dev_needs option -> open_development theme it makes more likely.
_DEV_NEED_THEMES: dict[str, str] = {
    "rooting_practices": "rooting_practices", "co_development": "co_development_networks",
    "information_sharing": "programme_information", "funding": "resources_funding",
    "regional_coordination": "regional_coordination",
    "structural_participation": "structural_participation",
}


def _rng(seed: int, *labels: object) -> random.Random:
    """An independent, reproducible stream per stage (string seeds hash with SHA-512)."""
    return random.Random(":".join(str(label) for label in (seed, *labels)))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _weighted_sample(items: Sequence[int], weights: Sequence[float], k: int,
                     rng: random.Random) -> list[int]:
    """``k`` items without replacement, each drawn with probability by weight (Efraimidis-Spirakis)."""
    keyed = sorted(((rng.random() ** (1.0 / w), item) for item, w in zip(items, weights,
                                                                         strict=True) if w > 0),
                   reverse=True)
    return [item for _, item in keyed[:k]]


@dataclass
class _Person:
    """A respondent while being generated (mutable; becomes a RespondentRecord at the end)."""

    wave: int
    org_type: str | None
    ely_area: str | None
    sector: str
    language: str = "fi"
    submitted_at: datetime | None = None
    satisfaction: float = 0.0
    engagement: float = 0.0
    talkativeness: float = 0.0
    carelessness: float = 1.0
    breakoff_at: int | None = None
    answers: dict[str, list[AnswerRecord]] = field(default_factory=dict)
    plans: dict[str, OpenAnswerPlan] = field(default_factory=dict)

    def ticked(self, question_id: str, code: str) -> bool | None:
        """Whether the respondent chose ``code``; None if the question was not answered."""
        answers = self.answers.get(question_id)
        if not answers:
            return None
        return any(a.option_code == code for a in answers)

    def present_at(self, position: int) -> bool:
        return self.breakoff_at is None or position < self.breakoff_at


@dataclass(frozen=True)
class DemoSurvey:
    """Generated respondents plus the generator's own plan of every open answer."""

    respondents: list[RespondentRecord]
    #: (wave, source_id, question_id) -> what the open answer was built from.
    open_answer_plans: dict[tuple[int, str, str], OpenAnswerPlan]


def generate_demo_survey(seed: int = 7, params: DemoParameters | None = None, *,
                         codebook: Codebook | None = None,
                         reference: Reference | None = None) -> DemoSurvey:
    """Generate both waves; see :func:`generate_demo_respondents`."""
    chosen = params or DemoParameters()
    ref = reference or load_reference()
    book = codebook or load_codebook(reference=ref)
    region_rng = _rng(seed, "regions")
    region_effects = {code: region_rng.gauss(0.0, chosen.region_effect_sd)
                      for code in ref.codes("ely_areas")}
    respondents: list[RespondentRecord] = []
    plans: dict[tuple[int, str, str], OpenAnswerPlan] = {}
    for wave in sorted(chosen.respondents_per_wave):
        records, wave_plans = _generate_wave(seed, wave, chosen, book, ref, region_effects)
        respondents.extend(records)
        plans.update(wave_plans)
    return DemoSurvey(respondents, plans)


def generate_demo_respondents(seed: int = 7, params: DemoParameters | None = None, *,
                              codebook: Codebook | None = None,
                              reference: Reference | None = None) -> list[RespondentRecord]:
    """Demo respondents of both waves answering the codebook, calibrated to published results.

    Parameters
    ----------
    seed
        Same seed, same respondents (byte for byte); another seed, another survey with the same
        calibration.
    params
        Calibration; defaults to :class:`DemoParameters` (documented in ``docs/demo-data.md``).

    Returns
    -------
    list[RespondentRecord]
        Ordered by wave and submission time; source ids ``demo-<wave>-<nnnn>``.
    """
    return generate_demo_survey(seed, params, codebook=codebook, reference=reference).respondents


def demo_open_answer_plans(seed: int = 7, params: DemoParameters | None = None
                           ) -> dict[tuple[int, str, str], OpenAnswerPlan]:
    """What each demo open answer was composed from, keyed by (wave, source_id, question_id).

    This is the generator's intent, useful to inspect the demo texts and to debug a theme coder.
    It is not an independent coding: a theme coder tuned or scored against it learns the
    generator's phrase bank, so evaluate coders on separately written, hand-coded answers.
    """
    return generate_demo_survey(seed, params).open_answer_plans


# --- background ------------------------------------------------------------------------------


def _expand_counts(counts: dict[str, int]) -> list[str]:
    return [code for code, n in sorted(counts.items()) for _ in range(n)]


def _check_codes(wave: int, params: DemoParameters, reference: Reference) -> None:
    problems: list[str] = []
    orgs = {item.code: item for item in reference.organisation_types}
    for code, n in params.org_type_counts[wave].items():
        if code and code not in orgs:
            problems.append(f"unknown organisation type {code!r}")
        elif code and n and orgs[code].waves and wave not in orgs[code].waves:
            problems.append(f"organisation type {code!r} does not exist in {wave}")
    areas = set(reference.codes("ely_areas"))
    problems += [f"unknown ELY area {c!r}" for c in params.ely_area_counts[wave] if c and
                 c not in areas]
    languages = set(reference.codes("languages"))
    problems += [f"unknown language {c!r}" for c in params.language_counts[wave]
                 if c not in languages]
    if problems:
        raise ValueError(f"demo parameters for {wave}: " + "; ".join(problems))


def _draw_background(seed: int, wave: int, params: DemoParameters,
                     reference: Reference) -> list[_Person]:
    _check_codes(wave, params, reference)
    rng = _rng(seed, wave, "background")
    orgs = _expand_counts(params.org_type_counts[wave])
    areas = _expand_counts(params.ely_area_counts[wave])
    rng.shuffle(orgs)
    rng.shuffle(areas)
    pairs: list[tuple[str, str]] = []
    free_areas: list[str] = []
    for area in areas:
        banned = set(params.incompatible_areas.get(area, ()))
        if not banned:
            free_areas.append(area)
            continue
        allowed = [i for i, org in enumerate(orgs) if org not in banned]
        pairs.append((orgs.pop(rng.choice(allowed)), area))
    pairs.extend(zip(orgs, free_areas, strict=True))
    rng.shuffle(pairs)
    persons = [
        _Person(wave=wave, org_type=org or None, ely_area=area or None,
                sector=reference.sector_of(org) if org else "unknown")
        for org, area in pairs
    ]
    _assign_languages(persons, wave, params, rng)
    for person, moment in zip(persons, _submission_times(len(persons), wave, params, rng),
                              strict=True):
        person.submitted_at = moment
    rho = params.satisfaction_engagement_correlation
    for person in persons:
        person.satisfaction = rng.gauss(0.0, 1.0)
        person.engagement = rho * person.satisfaction + math.sqrt(1 - rho**2) * rng.gauss(0, 1)
        person.talkativeness = rng.gauss(0.0, 1.0)
        sd = params.carelessness_sd
        person.carelessness = math.exp(rng.gauss(0.0, sd) - sd * sd / 2)
    return persons


def _assign_languages(persons: list[_Person], wave: int, params: DemoParameters,
                      rng: random.Random) -> None:
    """Exact language counts; Swedish concentrated where Swedish speakers live."""
    counts = params.language_counts[wave]
    indices = list(range(len(persons)))
    sv_weights = [params.swedish_area_weights.get(p.ely_area or "", params.swedish_other_weight)
                  for p in persons]
    swedish = set(_weighted_sample(indices, sv_weights, counts.get("sv", 0), rng))
    rest = [i for i in indices if i not in swedish]
    en_weights = [params.english_org_weights.get(persons[i].org_type or "", 0.8)
                  * params.english_area_weights.get(persons[i].ely_area or "", 1.0) for i in rest]
    english = set(_weighted_sample(rest, en_weights, counts.get("en", 0), rng))
    for i, person in enumerate(persons):
        person.language = "sv" if i in swedish else "en" if i in english else "fi"


def _submission_times(n: int, wave: int, params: DemoParameters,
                      rng: random.Random) -> list[datetime]:
    """Answers come in bursts after the launch and the reminders; few at weekends and Christmas."""
    start, end = params.fieldwork[wave]
    days = [start + timedelta(days=d) for d in range((end - start).days + 1)]
    weights: list[float] = []
    for day in days:
        weight = 1.0 + 4.0 * math.exp(-(day - start).days / 3.0)
        for reminder in params.reminder_dates.get(wave, ()):
            delta = (day - reminder).days
            if 0 <= delta < 4:
                weight += 2.5 * math.exp(-delta / 1.5)
        if day.weekday() >= 5:
            weight *= 0.25
        if (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 6):
            weight *= 0.3
        weights.append(weight)
    chosen_days = rng.choices(days, weights, k=n)
    hours = rng.choices(range(24), _HOUR_WEIGHTS, k=n)
    return [datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)))
            for day, hour in zip(chosen_days, hours, strict=True)]


# --- closed questions ------------------------------------------------------------------------


def _skip_probability(position: int, count: int, params: DemoParameters) -> float:
    share = position / max(count - 1, 1)
    return params.skip_rate_first + (params.skip_rate_last - params.skip_rate_first) * share


def _default_scale(question: Question) -> ScaleItem:
    values = [o.value for o in question.options if o.value is not None]
    middle = (min(values) + max(values)) / 2 if values else 3.0
    return ScaleItem(means={}, noise_sd=0.9 if max(values, default=5) <= 5 else 1.6,
                     satisfaction_loading=0.5 if max(values, default=5) <= 5 else 1.0,
                     source=f"default (midpoint {middle})")


def _answer_scale(question: Question, wave: int, persons: list[_Person], present: list[bool],
                  params: DemoParameters, region_effects: dict[str, float],
                  rng: random.Random) -> None:
    spec = params.scale_items.get(question.id) or _default_scale(question)
    by_value = {int(o.value): o for o in question.options if o.value is not None}
    low, high = min(by_value), max(by_value)
    target = spec.means.get(wave, (low + high) / 2 + (0.3 if high <= 5 else 0.5))
    shifts = params.sector_shifts.get(spec.sector_group, {})
    region_scale = params.grade_region_scale if question.type == "grade10" else 1.0
    latent: list[float] = []
    took_part: list[bool | None] = []
    for person in persons:
        value = (shifts.get(person.sector, 0.0)
                 + region_scale * region_effects.get(person.ely_area or "", 0.0)
                 + spec.satisfaction_loading * person.satisfaction
                 + spec.engagement_loading * person.engagement
                 + rng.gauss(0.0, spec.noise_sd))
        participated = person.ticked(*spec.participation) if spec.participation else None
        if participated is True:
            value += params.participation_lift
        elif participated is False:
            value -= params.participation_lift
        latent.append(value)
        took_part.append(participated)
    # Calibrate: the wave's latent mean equals the target exactly, whatever the seed drew.
    offset = target - sum(latent) / len(latent)
    dont_know = next((o for o in question.options if o.dont_know), None)
    for person, value, participated, answered in zip(persons, latent, took_part, present,
                                                     strict=True):
        u_skip, u_dk = rng.random(), rng.random()
        if not answered or (participated is False and u_skip < params.non_participant_extra_skip):
            continue
        dk_rate = (spec.dont_know_rate * params.dont_know_sector_factors.get(person.sector, 1.0)
                   * math.exp(-0.3 * person.engagement))
        if participated is False:
            dk_rate = max(dk_rate, params.non_participant_dont_know_rate)
        if dont_know is not None and u_dk < min(dk_rate, 0.9):
            person.answers[question.id] = [AnswerRecord(question.id, dont_know.code, None)]
            continue
        option = by_value[min(high, max(low, math.floor(value + offset + 0.5)))]
        person.answers[question.id] = [AnswerRecord(question.id, option.code, option.value)]


def _tick_factor(question_id: str, code: str, person: _Person) -> float:
    """Respondent-specific multipliers that make multi-selects agree with earlier answers."""
    if question_id == "imm_participation_ways":
        involved = person.ticked("imm_involved_services", "yes")
        if involved and code in ("development_groups", "decision_making"):
            return 3.5 if code == "development_groups" else 2.0
    return 1.0


def _none_rate(question_id: str, person: _Person, rate: float) -> float:
    if question_id == "nat_benefits" and person.ticked("nat_participation_forms", "none"):
        return min(0.6, rate * 4)
    if question_id == "reg_participation_forms" and person.ticked("nat_participation_forms",
                                                                  "none"):
        return min(0.6, rate * 2)
    if question_id == "imm_participation_ways" and person.ticked("imm_involved_services", "yes"):
        return rate * 0.3
    return rate


def _answer_multi(question: Question, persons: list[_Person], present: list[bool],
                  params: DemoParameters, rng: random.Random) -> None:
    choosable = [o for o in question.options if o.code not in question.exclusive]
    exclusive = [o for o in question.options if o.code in question.exclusive]
    spec = params.multi_items.get(question.id) or MultiItem({o.code: 0.3 for o in choosable})
    weights = [spec.probabilities.get(o.code, 0.0) for o in choosable]
    for person, answered in zip(persons, present, strict=True):
        draws = [rng.random() for _ in choosable]
        u_none, u_pick = rng.random(), rng.random()
        if not answered:
            continue
        if exclusive and spec.none_rate > 0:
            p_none = _logistic(_logit(_none_rate(question.id, person, spec.none_rate))
                               - 0.8 * person.engagement)
            if u_none < p_none:
                person.answers[question.id] = [AnswerRecord(question.id, exclusive[0].code,
                                                            exclusive[0].value)]
                continue
        ticked: list[Option] = []
        for option, weight, u in zip(choosable, weights, draws, strict=True):
            base = min(weight * _tick_factor(question.id, option.code, person), 0.97)
            if base > 0 and u < _logistic(_logit(base) + spec.engagement_effect
                                          * person.engagement):
                ticked.append(option)
        if not ticked:
            # Who answers a multi-select ticks something: one option, by popularity.
            threshold, cumulative = u_pick * sum(weights), 0.0
            for option, weight in zip(choosable, weights, strict=True):
                cumulative += weight
                if weight > 0 and cumulative >= threshold:
                    ticked = [option]
                    break
        person.answers[question.id] = [AnswerRecord(question.id, o.code, o.value) for o in ticked]


def _answer_involvement(question: Question, persons: list[_Person], present: list[bool],
                        params: DemoParameters, rng: random.Random) -> None:
    """Yes / no / don't know with the published "yes" share met exactly (quota by propensity)."""
    scores = [params.imm_involved_bonus.get(p.sector, 0.0)
              + params.imm_involved_bonus.get(p.language, 0.0)
              + 0.8 * p.engagement + rng.gauss(0.0, 1.0) for p in persons]
    answering = [i for i, ok in enumerate(present) if ok]
    n_yes = round(params.imm_involved_yes_share * len(answering))
    n_dk = round(params.imm_involved_dont_know_share * len(answering))
    ranked = sorted(answering, key=lambda i: (-scores[i], i))
    yes = set(ranked[:n_yes])
    rest = ranked[n_yes:]
    dk = set(_weighted_sample(rest, [math.exp(-0.7 * persons[i].engagement) for i in rest],
                              n_dk, rng))
    codes = {o.code: o for o in question.options}
    for i in answering:
        code = "yes" if i in yes else "dk" if i in dk else "no"
        option = codes.get(code) or question.options[0]
        persons[i].answers[question.id] = [AnswerRecord(question.id, option.code, option.value)]


def _answer_single(question: Question, persons: list[_Person], present: list[bool],
                   params: DemoParameters, rng: random.Random) -> None:
    codes = [o for o in question.options]
    for person, answered in zip(persons, present, strict=True):
        u = rng.random()
        if not answered:
            continue
        if question.id == "role":
            table = params.role_weights.get(person.org_type or "", params.role_weights[""])
            weights = [table.get(o.code, 0.0) for o in codes]
        else:
            weights = [0.5 if o.dont_know else 1.0 for o in codes]
        threshold, cumulative = u * sum(weights), 0.0
        chosen = codes[-1]
        for option, weight in zip(codes, weights, strict=True):
            cumulative += weight
            if weight > 0 and cumulative >= threshold:
                chosen = option
                break
        person.answers[question.id] = [AnswerRecord(question.id, chosen.code, chosen.value)]


# --- open questions --------------------------------------------------------------------------


def _choose_themes(question_id: str, wave: int, person: _Person, params: DemoParameters,
                   rng: random.Random) -> tuple[str, ...]:
    weights = dict(params.open_theme_weights.get(question_id, {}).get(wave, {}))
    if not weights:
        return ()
    if question_id == "open_benefits":
        for theme in weights:
            if person.ticked("nat_benefits", theme):
                weights[theme] *= 2.5
    if question_id == "open_development":
        for need, theme in _DEV_NEED_THEMES.items():
            if theme in weights and (person.ticked("dev_needs", need)
                                     or person.ticked("dev_needs_2020", need)):
                weights[theme] *= 2.0
        if person.sector in ("third_sector", "private") and "dialogue_authorities" in weights:
            weights["dialogue_authorities"] *= 2.0
    count = rng.choices((1, 2, 3), params.open_theme_count_weights)[0]
    themes = sorted(weights)
    picked = _weighted_sample(range(len(themes)), [weights[t] for t in themes],
                              min(count, len(themes)), rng)
    return tuple(themes[i] for i in picked)


def _answer_open(seed: int, question: Question, position: int, wave: int,
                 persons: list[_Person], params: DemoParameters, style: TextStyle) -> None:
    rng = _rng(seed, wave, "open", question.id)
    eligible = [i for i, p in enumerate(persons) if p.present_at(position)]
    target = round(params.open_answer_rates.get(question.id, 0.45) * len(persons))
    weights = [math.exp(0.8 * persons[i].talkativeness) for i in eligible]
    chosen = sorted(_weighted_sample(eligible, weights, target, rng))
    non_answer_rate = params.open_non_answer_rates.get(question.id, 0.08)
    for i in chosen:
        person = persons[i]
        themes = _choose_themes(question.id, wave, person, params, rng)
        if not themes or rng.random() < non_answer_rate:
            text, plan = non_answer(person.language, rng), OpenAnswerPlan((), non_answer=True)
        else:
            text = compose_answer(question.id, wave, person.language, themes, rng, style)
            plan = OpenAnswerPlan(themes)
        person.answers[question.id] = [AnswerRecord(question.id, value_text=text)]
        person.plans[question.id] = plan


def _plant_personal_data(seed: int, wave: int, persons: list[_Person],
                         questions: Sequence[Question], params: DemoParameters) -> None:
    """Exactly a few substantive answers get a name, an e-mail address or a phone number."""
    rng = _rng(seed, wave, "personal-data")
    substantive = [(i, q.id) for i, p in enumerate(persons) for q in questions
                   if q.id in p.plans and not p.plans[q.id].non_answer]
    if not substantive:
        return
    k = min(len(substantive), max(3, round(params.open_personal_data_share * len(substantive))))
    picked = sorted(rng.sample(substantive, k))
    kinds = [PERSONAL_DATA_KINDS[n % len(PERSONAL_DATA_KINDS)] for n in range(k)]
    rng.shuffle(kinds)
    for (i, question_id), kind in zip(picked, kinds, strict=True):
        person = persons[i]
        old = person.answers[question_id][0]
        text = plant_personal_data(old.value_text or "", kind, person.language, rng)
        person.answers[question_id] = [AnswerRecord(question_id, value_text=text)]
        plan = person.plans[question_id]
        person.plans[question_id] = OpenAnswerPlan(plan.themes, plan.non_answer, kind)


# --- one wave --------------------------------------------------------------------------------


def _generate_wave(seed: int, wave: int, params: DemoParameters, codebook: Codebook,
                   reference: Reference, region_effects: dict[str, float]
                   ) -> tuple[list[RespondentRecord], dict[tuple[int, str, str], OpenAnswerPlan]]:
    persons = _draw_background(seed, wave, params, reference)
    questions = [q for q in codebook.questions_in_wave(wave) if q.id not in RESPONDENT_FIELDS
                 and q.type != "background"]
    count = len(questions)
    flow_rng = _rng(seed, wave, "breakoff")
    for person in persons:
        if flow_rng.random() < params.breakoff_rate:
            person.breakoff_at = flow_rng.randrange(int(0.35 * count), count)
    style = TextStyle(params.open_typo_rate, params.open_lowercase_rate,
                      params.open_colloquial_rate)
    for position, question in enumerate(questions):
        if question.type == "open":
            _answer_open(seed, question, position, wave, persons, params, style)
            continue
        rng = _rng(seed, wave, "question", question.id)
        skip_p = _skip_probability(position, count, params)
        present = [rng.random() >= min(0.6, skip_p * p.carelessness) and p.present_at(position)
                   for p in persons]
        if question.type in ("agreement5", "grade10"):
            _answer_scale(question, wave, persons, present, params, region_effects, rng)
        elif question.type == "multi":
            _answer_multi(question, persons, present, params, rng)
        elif question.id == "imm_involved_services":
            _answer_involvement(question, persons, present, params, rng)
        else:
            _answer_single(question, persons, present, params, rng)
    _plant_personal_data(seed, wave, persons, questions, params)

    order = sorted(range(len(persons)), key=lambda i: (persons[i].submitted_at or datetime.min, i))
    records: list[RespondentRecord] = []
    plans: dict[tuple[int, str, str], OpenAnswerPlan] = {}
    for rank, i in enumerate(order, start=1):
        person = persons[i]
        source_id = f"{SOURCE_PREFIX}{wave}-{rank:04d}"
        answers = tuple(a for q in questions for a in person.answers.get(q.id, ()))
        records.append(RespondentRecord(wave=wave, source_id=source_id,
                                        survey_language=person.language,
                                        org_type=person.org_type, ely_area=person.ely_area,
                                        submitted_at=person.submitted_at, answers=answers))
        for question_id, plan in person.plans.items():
            plans[(wave, source_id, question_id)] = plan
    return records, plans
