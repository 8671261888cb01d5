"""Calibration parameters of the demo survey, each with the published fact or assumption behind it.

Why a dataclass of its own: the demo database is what newcomers, coordinators and the anonymity
tests look at, so every number that shapes it must be visible, documented (``docs/demo-data.md``)
and replaceable in one place. Each field carries its source in ``metadata["source"]``;
:func:`describe_parameters` lists them.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

PUBLISHED = "published (../shared/domain.md)"


def _param(default: Any, source: str) -> Any:
    """A dataclass field with its source; mutable defaults are copied per instance."""
    if isinstance(default, dict | list):
        return field(default_factory=lambda: copy.deepcopy(default), metadata={"source": source})
    return field(default=default, metadata={"source": source})


@dataclass(frozen=True)
class ScaleItem:
    """How one rated item (1–5 scale or 1–10 grade) is generated.

    A respondent's latent value is ``sector shift + region effect + satisfaction_loading *
    satisfaction + engagement_loading * engagement + noise``; the wave's latent values are then
    shifted so that their mean is exactly ``means[wave]`` (calibration without sampling noise),
    rounded and clipped to the scale.
    """

    means: Mapping[int, float]
    sector_group: str = "none"
    satisfaction_loading: float = 0.5
    engagement_loading: float = 0.0
    noise_sd: float = 0.85
    dont_know_rate: float = 0.05
    #: (multi-select question, option): respondents who ticked it rate the item higher.
    participation: tuple[str, str] | None = None
    source: str = "assumed"


@dataclass(frozen=True)
class MultiItem:
    """Tick probabilities of a multi-select question.

    ``probabilities`` are the shares ticking each option at average engagement;
    ``engagement_effect`` moves them on the logit scale with the respondent's engagement;
    ``none_rate`` is the share choosing the exclusive "none" option (if the question has one).
    """

    probabilities: Mapping[str, float]
    engagement_effect: float = 0.4
    none_rate: float = 0.0
    source: str = "assumed"


def _useful(means: dict[int, float], question: str, option: str, source: str) -> ScaleItem:
    return ScaleItem(means=means, sector_group="programme", satisfaction_loading=0.2,
                     engagement_loading=0.55, dont_know_rate=0.08,
                     participation=(question, option), source=source)


_NAT = "nat_participation_forms"
_REG = "reg_participation_forms"
_MOST_USEFUL = PUBLISHED + ": trainings, webinars and newsletters the most useful (2023)"

SCALE_ITEMS: dict[str, ScaleItem] = {
    # Cooperation grades 1-10: 2020 means are published; 2023 values are assumed (no figure).
    "coop_grade_municipal": ScaleItem({2020: 6.8, 2023: 6.9}, "grade", 1.0, 0.1, 1.3, 0.0,
                                      source=PUBLISHED + ": 2020 mean 6.8; 2023 assumed"),
    "coop_grade_regional": ScaleItem({2020: 6.1, 2023: 6.3}, "grade", 1.0, 0.25, 1.3, 0.0,
                                     source=PUBLISHED + ": 2020 mean 6.1; 2023 assumed"),
    "coop_grade_national": ScaleItem({2020: 5.5, 2023: 5.8}, "grade", 0.9, 0.35, 1.35, 0.0,
                                     source=PUBLISHED + ": 2020 mean 5.5; 2023 assumed"),
    # Dialogue: better locally than nationally; weaker for private and third sector (2020).
    "dialogue_municipal": ScaleItem({2020: 3.6, 2023: 3.65}, "dialogue", 0.55, 0.1, 0.85, 0.04,
                                    source=PUBLISHED + ": third/private sector lack dialogue"),
    "dialogue_regional": ScaleItem({2020: 3.2, 2023: 3.3}, "dialogue", 0.55, 0.2, 0.85, 0.07,
                                   source=PUBLISHED + ": third/private sector lack dialogue"),
    "dialogue_national": ScaleItem({2020: 2.7, 2023: 2.85}, "dialogue", 0.5, 0.3, 0.85, 0.12,
                                   source=PUBLISHED + ": cooperation weaker nationally"),
    # Information easy to find: a majority agrees (2020).
    "info_available_municipal": ScaleItem({2020: 3.8, 2023: 3.8}, "info", 0.45, 0.1, 0.85, 0.03,
                                          source=PUBLISHED + ": information is easy to find"),
    "info_available_regional": ScaleItem({2020: 3.72, 2023: 3.7}, "info", 0.45, 0.15, 0.85, 0.05,
                                         source=PUBLISHED + ": information is easy to find"),
    "info_available_national_2020": ScaleItem({2020: 3.68}, "info", 0.4, 0.2, 0.85, 0.08,
                                              source=PUBLISHED + ": information is easy to find"),
    "info_available_national": ScaleItem({2023: 3.5}, "info", 0.4, 0.25, 0.85, 0.08,
                                         source="assumed (2023 wording adds 'up to date')"),
    # Own knowledge used: over half municipally, under half regionally and nationally (2020).
    "knowledge_used_municipal": ScaleItem({2020: 3.78, 2023: 3.8}, "knowledge", 0.5, 0.1, 0.85,
                                          0.05, source=PUBLISHED + ": over half agree"),
    "knowledge_used_regional": ScaleItem({2020: 3.2, 2023: 3.25}, "knowledge", 0.5, 0.2, 0.85,
                                         0.08, source=PUBLISHED + ": under half agree"),
    "knowledge_used_national": ScaleItem({2020: 2.8, 2023: 2.9}, "knowledge", 0.45, 0.3, 0.85,
                                         0.14, source=PUBLISHED + ": under half agree"),
    "covid_impact": ScaleItem({2020: 3.9}, "none", -0.2, 0.0, 0.9, 0.05,
                              source="assumed (pandemic during the 2020 fieldwork)"),
    "imm_can_influence": ScaleItem({2020: 2.95, 2023: 3.05}, "none", 0.4, 0.2, 0.9, 0.10,
                                   source=PUBLISHED + ": involving immigrants was rare"),
    # National programme activities (2023 only).
    "nat_can_participate": ScaleItem({2023: 3.4}, "programme", 0.3, 0.6, 0.8, 0.10,
                                     source="assumed"),
    "nat_enough_info": ScaleItem({2023: 3.2}, "programme", 0.3, 0.6, 0.8, 0.06,
                                 source="assumed"),
    "nat_useful_trainings": _useful({2023: 3.9}, _NAT, "trainings", _MOST_USEFUL),
    "nat_useful_webinars": _useful({2023: 3.8}, _NAT, "webinars", _MOST_USEFUL),
    "nat_useful_newsletter": _useful({2023: 3.7}, _NAT, "newsletter", _MOST_USEFUL),
    "nat_useful_platform": _useful({2023: 3.15}, _NAT, "platform", "assumed (below the top three)"),
    "nat_useful_networks": _useful({2023: 3.3}, _NAT, "networks", "assumed (below the top three)"),
    "nat_useful_working_groups": _useful({2023: 3.2}, _NAT, "working_groups",
                                         "assumed (below the top three)"),
    "nat_useful_action_plan": _useful({2023: 3.0}, _NAT, "action_plan",
                                      "assumed (below the top three)"),
    "programme_useful": ScaleItem({2023: 3.85}, "programme", 0.3, 0.7, 0.75, 0.07,
                                  source=PUBLISHED + ": most find the programme useful (2023)"),
    "coop_opportunities": ScaleItem({2023: 3.85}, "programme", 0.3, 0.5, 0.7, 0.08,
                                    source=PUBLISHED + ": cooperation opportunities fairly good"),
    # Regional activities (2023 only).
    "reg_useful_trainings": _useful({2023: 3.85}, _REG, "trainings", _MOST_USEFUL),
    "reg_useful_webinars": _useful({2023: 3.75}, _REG, "webinars", _MOST_USEFUL),
    "reg_useful_newsletter": _useful({2023: 3.65}, _REG, "newsletter", _MOST_USEFUL),
    "reg_useful_networks": _useful({2023: 3.25}, _REG, "networks", "assumed (below the top three)"),
    "reg_useful_events": _useful({2023: 3.2}, _REG, "regional_events",
                                 "assumed (below the top three)"),
    "reg_activities_useful": ScaleItem({2023: 3.6}, "programme", 0.3, 0.6, 0.8, 0.10,
                                       source="assumed"),
}

MULTI_ITEMS: dict[str, MultiItem] = {
    "coop_partners_2020": MultiItem(
        {"municipal_immigrant_services": 0.64, "educational_institutions": 0.54,
         "te_office": 0.40, "ely_centre": 0.28, "social_health_services": 0.34, "ngos": 0.38,
         "religious_communities": 0.08, "companies": 0.12, "other": 0.06},
        0.3, source=PUBLISHED + ": municipal immigrant services and education on top (2020)"),
    "coop_partners": MultiItem(
        {"municipal_immigrant_services": 0.62, "educational_institutions": 0.52,
         "te_office": 0.40, "ely_centre": 0.30, "wellbeing_county": 0.30, "ngos": 0.40,
         "religious_communities": 0.08, "companies": 0.13, "other": 0.06},
        0.3, source="assumed (2020 pattern; wellbeing county replaces social and health services)"),
    "nat_participation_forms": MultiItem(
        {"trainings": 0.52, "webinars": 0.48, "newsletter": 0.44, "platform": 0.20,
         "networks": 0.24, "regional_events": 0.18, "working_groups": 0.09, "action_plan": 0.06},
        0.6, none_rate=0.14,
        source=PUBLISHED + ": trainings, webinars and newsletters the most common (2023)"),
    "reg_participation_forms": MultiItem(
        {"trainings": 0.46, "webinars": 0.42, "newsletter": 0.38, "networks": 0.24,
         "regional_events": 0.22, "working_groups": 0.09},
        0.6, none_rate=0.18,
        source=PUBLISHED + ": trainings, webinars and newsletters the most common (2023)"),
    "nat_benefits": MultiItem(
        {"new_partners": 0.58, "third_sector_authority": 0.48, "information_exchange": 0.42,
         "competence": 0.28, "good_practices": 0.22, "influence": 0.13},
        0.5, none_rate=0.08,
        source=PUBLISHED + ": top benefits new partners, third sector-authority cooperation, "
        "information exchange (2023)"),
    "imm_participation_ways": MultiItem(
        {"feedback": 0.45, "development_groups": 0.10, "staff": 0.34, "volunteers": 0.30,
         "decision_making": 0.07},
        0.3, none_rate=0.20, source=PUBLISHED + ": involving immigrants was rare"),
    "dev_needs_2020": MultiItem(
        {"rooting_practices": 0.52, "co_development": 0.48, "information_sharing": 0.36,
         "funding": 0.38, "regional_coordination": 0.26, "other": 0.05},
        0.0, source=PUBLISHED + ": rooting good practices and co-development key needs (2020)"),
    "dev_needs": MultiItem(
        {"rooting_practices": 0.40, "co_development": 0.38, "information_sharing": 0.34,
         "funding": 0.40, "regional_coordination": 0.25, "structural_participation": 0.56,
         "other": 0.05},
        0.0, source=PUBLISHED + ": key need structural change for immigrants' participation (2023)"),
}

ROLE_WEIGHTS: dict[str, dict[str, float]] = {
    "municipality": {"management": 25, "expert": 35, "frontline": 30, "project_worker": 5,
                     "volunteer": 1, "other": 4},
    "wellbeing_county": {"management": 20, "expert": 40, "frontline": 30, "project_worker": 5,
                         "other": 5},
    "ely_centre": {"management": 20, "expert": 70, "other": 10},
    "te_office": {"management": 15, "expert": 45, "frontline": 35, "other": 5},
    "state_authority": {"management": 25, "expert": 65, "other": 10},
    "education": {"management": 20, "expert": 25, "frontline": 35, "project_worker": 15,
                  "other": 5},
    "ngo": {"management": 35, "expert": 10, "frontline": 15, "project_worker": 20,
            "volunteer": 15, "other": 5},
    "religious": {"management": 30, "frontline": 20, "volunteer": 35, "other": 15},
    "company": {"management": 60, "expert": 20, "frontline": 10, "other": 10},
    "project": {"management": 10, "expert": 10, "project_worker": 75, "other": 5},
    "other": {"management": 25, "expert": 30, "frontline": 15, "project_worker": 10,
              "volunteer": 10, "other": 10},
    "": {"management": 20, "expert": 30, "frontline": 20, "project_worker": 10, "volunteer": 10,
         "other": 10},
}

OPEN_THEME_WEIGHTS: dict[str, dict[int, dict[str, float]]] = {
    "open_benefits": {
        2020: {"new_partners": 3.0, "third_sector_authority": 2.4, "information_exchange": 2.6,
               "competence": 1.6, "good_practices": 1.5, "influence": 1.2},
        2023: {"new_partners": 3.2, "third_sector_authority": 2.6, "information_exchange": 2.4,
               "competence": 1.2, "good_practices": 1.0, "influence": 0.7},
    },
    "open_development": {
        2020: {"rooting_practices": 2.6, "co_development_networks": 2.6,
               "dialogue_authorities": 2.2, "resources_funding": 1.8,
               "programme_information": 1.4, "regional_coordination": 1.2,
               "structural_participation": 1.0},
        2023: {"structural_participation": 3.4, "programme_information": 1.8,
               "dialogue_authorities": 1.6, "resources_funding": 1.6, "rooting_practices": 1.5,
               "co_development_networks": 1.5, "regional_coordination": 1.2},
    },
    "open_participation": {
        2020: {"structural_participation": 2.5, "immigrant_associations": 2.0,
               "plain_language": 1.8, "experts_by_experience": 1.4, "meeting_places": 1.3,
               "resources_funding": 0.8},
        2023: {"structural_participation": 2.8, "immigrant_associations": 2.0,
               "plain_language": 1.8, "experts_by_experience": 1.4, "meeting_places": 1.2,
               "resources_funding": 0.8},
    },
    "open_comments": {
        2020: {"thanks": 2.5, "survey_feedback": 1.5, "covid": 1.8, "programme_information": 1.0,
               "resources_funding": 1.0, "dialogue_authorities": 0.8},
        2023: {"thanks": 2.5, "survey_feedback": 1.5, "covid": 0.4, "programme_information": 1.3,
               "resources_funding": 1.2, "dialogue_authorities": 0.9},
    },
}


@dataclass(frozen=True)
class DemoParameters:
    """Every number the demo generator is calibrated with; see ``docs/demo-data.md``.

    Counts are exact (quotas), so small groups really occur with the stated sizes; shares of
    answers are met in expectation or, where a published figure is exact, by quota.
    """

    respondents_per_wave: dict[int, int] = _param(
        {2020: 792, 2023: 375},
        PUBLISHED + ": 2020 'almost 800 responses', 2023 '375 responses'")
    org_type_counts: dict[int, dict[str, int]] = _param(
        {2020: {"municipality": 250, "ngo": 215, "ely_centre": 22, "te_office": 40,
                "state_authority": 18, "education": 80, "religious": 6, "company": 7,
                "project": 80, "other": 68, "": 6},
         2023: {"municipality": 120, "ngo": 105, "wellbeing_county": 18, "ely_centre": 12,
                "te_office": 14, "state_authority": 8, "education": 35, "religious": 4,
                "company": 5, "project": 30, "other": 22, "": 2}},
        PUBLISHED + ": municipalities and NGOs the largest groups; a handful of companies and "
        "religious communities (issue 2); wellbeing counties exist from 2023; '' = not answered")
    ely_area_counts: dict[int, dict[str, int]] = _param(
        {2020: {"uusimaa": 230, "varsinais_suomi": 78, "satakunta": 28, "hame": 40,
                "pirkanmaa": 70, "kaakkois_suomi": 38, "etela_savo": 22, "pohjois_savo": 36,
                "pohjois_karjala": 32, "keski_suomi": 42, "etela_pohjanmaa": 27,
                "pohjanmaa": 45, "pohjois_pohjanmaa": 55, "kainuu": 4, "lappi": 26,
                "national": 12, "aland": 2, "": 5},
         2023: {"uusimaa": 118, "varsinais_suomi": 37, "satakunta": 13, "hame": 19,
                "pirkanmaa": 33, "kaakkois_suomi": 16, "etela_savo": 10, "pohjois_savo": 16,
                "pohjois_karjala": 14, "keski_suomi": 20, "etela_pohjanmaa": 11,
                "pohjanmaa": 22, "pohjois_pohjanmaa": 24, "kainuu": 3, "lappi": 9,
                "national": 6, "aland": 1, "": 3}},
        PUBLISHED + ": almost a third of 2023 from Uusimaa; two or three from Kainuu, one or two "
        "from Åland, a few national actors (issue 2); other areas roughly by population, assumed")
    language_counts: dict[int, dict[str, int]] = _param(
        {2020: {"fi": 673, "sv": 63, "en": 56}, 2023: {"fi": 319, "sv": 30, "en": 26}},
        "issue 2: language mix about 85 % fi, 8 % sv, 7 % en")
    swedish_area_weights: dict[str, float] = _param(
        {"aland": 1000.0, "pohjanmaa": 25.0, "uusimaa": 3.0, "varsinais_suomi": 3.0,
         "national": 2.0, "": 1.0},
        "assumed: Swedish-speaking areas (Åland, Ostrobothnia, Uusimaa, Southwest Finland); "
        "other areas weigh swedish_other_weight")
    swedish_other_weight: float = _param(0.15, "assumed: few Swedish answers elsewhere")
    english_org_weights: dict[str, float] = _param(
        {"ngo": 1.8, "project": 1.5, "company": 2.0, "education": 1.3, "religious": 1.5,
         "municipality": 0.6, "wellbeing_county": 0.6},
        "assumed: immigrant-led associations and projects answer in English more often; "
        "unlisted types weigh 0.8")
    english_area_weights: dict[str, float] = _param(
        {"uusimaa": 2.0, "national": 1.5, "pirkanmaa": 1.3, "varsinais_suomi": 1.3},
        "assumed: English answers more common in the big cities; unlisted areas weigh 1")
    incompatible_areas: dict[str, list[str]] = _param(
        {"national": ["municipality", "wellbeing_county", "ely_centre", "te_office"],
         "aland": ["wellbeing_county", "ely_centre", "te_office"]},
        "assumed: a national actor is not a local authority; Åland has no ELY centre, TE office "
        "or wellbeing county")
    fieldwork: dict[int, tuple[date, date]] = _param(
        {2020: (date(2020, 12, 1), date(2021, 1, 31)), 2023: (date(2022, 11, 4), date(2023, 2, 24))},
        PUBLISHED + ": fieldwork Dec 2020 into early 2021; 4.11.2022-24.2.2023")
    reminder_dates: dict[int, list[date]] = _param(
        {2020: [date(2020, 12, 14), date(2021, 1, 12), date(2021, 1, 26)],
         2023: [date(2022, 11, 28), date(2023, 1, 16), date(2023, 2, 13)]},
        "assumed: answers come in bursts after the launch and after reminders")
    satisfaction_engagement_correlation: float = _param(
        0.45, "assumed: who is satisfied with cooperation tends to engage with the programme")
    region_effect_sd: float = _param(
        0.25, "assumed: regional differences of about a quarter scale point (drawn per seed)")
    grade_region_scale: float = _param(2.0, "assumed: region effects on the 1-10 grades")
    sector_shifts: dict[str, dict[str, float]] = _param(
        {"grade": {"public": 0.35, "third_sector": -0.3, "private": -0.7, "other": -0.1},
         "dialogue": {"public": 0.3, "third_sector": -0.35, "private": -0.75, "other": -0.1},
         "knowledge": {"public": 0.15, "third_sector": -0.15, "private": -0.35, "other": 0.0},
         "info": {"public": 0.15, "third_sector": -0.1, "private": -0.2, "other": 0.0},
         "programme": {"public": 0.0, "third_sector": 0.1, "private": -0.3, "other": -0.1},
         "none": {}},
        PUBLISHED + ": private and third-sector actors lack dialogue with authorities (2020); "
        "sizes assumed")
    dont_know_sector_factors: dict[str, float] = _param(
        {"public": 1.0, "third_sector": 1.3, "private": 1.8, "other": 1.2},
        "assumed: actors far from the authorities say 'don't know' more often")
    scale_items: dict[str, ScaleItem] = _param(
        SCALE_ITEMS, "see each item's source; items not listed get a neutral default")
    participation_lift: float = _param(
        0.35, "assumed: who took part in an activity rates it higher than who did not")
    non_participant_dont_know_rate: float = _param(
        0.45, "assumed: who did not take part in an activity mostly answers 'don't know'")
    non_participant_extra_skip: float = _param(
        0.08, "assumed: or skips the usefulness item")
    multi_items: dict[str, MultiItem] = _param(
        MULTI_ITEMS, "see each item's source")
    role_weights: dict[str, dict[str, float]] = _param(
        ROLE_WEIGHTS, "assumed (the role question itself is assumed)")
    imm_involved_yes_share: float = _param(
        0.14, PUBLISHED + ": 'only 14 %' involve immigrants in developing services")
    imm_involved_dont_know_share: float = _param(0.08, "assumed")
    imm_involved_bonus: dict[str, float] = _param(
        {"third_sector": 0.3, "private": -0.3, "en": 0.3},
        "assumed: NGOs (often immigrant-led, more often answering in English) involve immigrants "
        "more; keys are sectors or survey languages")
    skip_rate_first: float = _param(
        0.03, PUBLISHED + ": no question was mandatory; rate at the first question assumed")
    skip_rate_last: float = _param(
        0.07, "assumed: item non-response grows towards the end of the questionnaire")
    carelessness_sd: float = _param(
        0.7, "assumed: some respondents skip more than others (log-normal multiplier)")
    breakoff_rate: float = _param(
        0.06, "assumed: share of respondents who stop in the second part of the questionnaire")
    open_answer_rates: dict[str, float] = _param(
        {"open_benefits": 0.55, "open_development": 0.53, "open_participation": 0.47,
         "open_comments": 0.43},
        "issue 2 brief: about 40-60 % answer each open question")
    open_non_answer_rates: dict[str, float] = _param(
        {"open_benefits": 0.06, "open_development": 0.06, "open_participation": 0.08,
         "open_comments": 0.14},
        "assumed: 'eos', '-', '?' and the like")
    open_theme_weights: dict[str, dict[int, dict[str, float]]] = _param(
        OPEN_THEME_WEIGHTS,
        PUBLISHED + ": benefits and development needs as reported; participation and comment "
        "themes assumed")
    open_theme_count_weights: list[float] = _param(
        [0.5, 0.35, 0.15], "assumed: an answer talks about one, two or three themes")
    open_personal_data_share: float = _param(
        0.015, "issue 2: a few answers name a person, an e-mail address or a phone number")
    open_typo_rate: float = _param(0.07, "assumed: the odd typo")
    open_lowercase_rate: float = _param(0.12, "assumed: lowercase, colloquial style sometimes")
    open_colloquial_rate: float = _param(0.15, "assumed: spoken Finnish forms (pitäis, tosi)")

    def __post_init__(self) -> None:
        problems: list[str] = []
        for wave, total in self.respondents_per_wave.items():
            for name in ("org_type_counts", "ely_area_counts", "language_counts"):
                counts = getattr(self, name).get(wave)
                if counts is None:
                    problems.append(f"{name} has no wave {wave}")
                elif sum(counts.values()) != total:
                    problems.append(
                        f"{name}[{wave}] sums to {sum(counts.values())}, not {total}")
        for name in ("imm_involved_yes_share", "imm_involved_dont_know_share", "breakoff_rate",
                     "skip_rate_first", "skip_rate_last", "open_personal_data_share"):
            value = getattr(self, name)
            if not 0.0 <= value < 1.0:
                problems.append(f"{name}={value} is not a share in [0, 1)")
        if problems:
            raise ValueError("invalid DemoParameters: " + "; ".join(problems))


def describe_parameters(params: DemoParameters | None = None) -> list[tuple[str, str, str]]:
    """(name, short value, source) of every parameter, for the docs and ``baro demo --explain``."""
    chosen = params or DemoParameters()
    rows: list[tuple[str, str, str]] = []
    for item in fields(chosen):
        value = repr(getattr(chosen, item.name))
        short = value if len(value) <= 60 else value[:57] + "..."
        rows.append((item.name, short, str(item.metadata.get("source", ""))))
    return rows


def _largest_remainder(counts: Mapping[str, int], total: int) -> dict[str, int]:
    """``counts`` scaled to sum to ``total``: floors, then the largest remainders get one more.

    Ties go to the earlier key, so the result is deterministic. A count that was positive stays
    at least 1 when ``total`` is at least the number of such counts (small groups must remain).
    """
    old_total = sum(counts.values())
    if old_total <= 0:
        raise ValueError("cannot scale counts that sum to zero")
    exact = {key: n * total / old_total for key, n in counts.items()}
    scaled = {key: int(value) for key, value in exact.items()}
    order = sorted(exact, key=lambda key: (-(exact[key] - scaled[key]), list(counts).index(key)))
    for key in order[: total - sum(scaled.values())]:
        scaled[key] += 1
    return scaled


def scaled_parameters(respondents: int, params: DemoParameters | None = None) -> DemoParameters:
    """The calibration with every quota scaled so that both waves hold ``respondents`` together.

    Why: the benchmarks need a survey of, say, 100,000 respondents with the demo's structure
    (same groups, same answer models, proportionally the same small groups). Waves keep their
    ratio; organisation type, ELY area and language counts are scaled by largest remainder so
    each still sums to its wave. Everything else (means, shares, tick rates) is unchanged.
    ``scaled_parameters(1167)`` equals the default parameters.
    """
    chosen = params or DemoParameters()
    if respondents < 2 * len(chosen.respondents_per_wave):
        raise ValueError(f"respondents={respondents} is too small to scale the demo")
    per_wave = _largest_remainder({str(w): n for w, n in chosen.respondents_per_wave.items()}, respondents)
    waves = {wave: per_wave[str(wave)] for wave in chosen.respondents_per_wave}

    def scale(name: str) -> dict[int, dict[str, int]]:
        return {wave: _largest_remainder(getattr(chosen, name)[wave], total) for wave, total in waves.items()}

    return dataclasses.replace(chosen, respondents_per_wave=waves, org_type_counts=scale("org_type_counts"),
                               ely_area_counts=scale("ely_area_counts"), language_counts=scale("language_counts"))
