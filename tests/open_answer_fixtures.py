"""Seeded test surveys with open answers, coded by the real text pipeline (no real personal data).

Group sizes (org_type, ely_area, survey language) of :data:`SIZES_2023` and :data:`SIZES_2020`:

    wave 2023 (46 respondents)                      wave 2020 (17 respondents)
    municipality / uusimaa   / fi  14   public      municipality / uusimaa     / fi  10
    education    / pirkanmaa / fi   6   public      ngo          / keski_suomi / fi   7
    ngo          / uusimaa   / fi  12   third sector
    ngo          / pirkanmaa / sv   8   third sector
    company      / kainuu    / en   3   other
    other        / lappi     / fi   3   other

Everyone answers ``open_benefits`` and ``open_development``. Every seventh answer (of the public
and third sector) is a non-answer ("eos", "vet inte"); the "other" sector always answers with
content. The answer of :data:`PAYLOAD_RESPONDENT` (2023, NGO in Uusimaa) is :data:`PAYLOAD`:
Markdown, HTML and a javascript: link, and the only answer with the theme
``influence_participation``, so it is always among that theme's quotes where quotes are shown.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from anonymity import Policy
from data_access import (
    AnswerRecord,
    RespondentRecord,
    create_engine_from_url,
    make_session_factory,
    store_codebook,
    store_respondents,
    upgrade_schema,
)

GroupSizes = Mapping[tuple[str, str, str], int]

SIZES_2023: dict[tuple[str, str, str], int] = {
    ("municipality", "uusimaa", "fi"): 14,
    ("education", "pirkanmaa", "fi"): 6,
    ("ngo", "uusimaa", "fi"): 12,
    ("ngo", "pirkanmaa", "sv"): 8,
    ("company", "kainuu", "en"): 3,
    ("other", "lappi", "fi"): 3,
}
SIZES_2020: dict[tuple[str, str, str], int] = {
    ("municipality", "uusimaa", "fi"): 10,
    ("ngo", "keski_suomi", "fi"): 7,
}

PAYLOAD = ("Saimme mahdollisuuden vaikuttaa. <script>alert(1)</script> "
           "![x](http://example.invalid/a.png) [link](javascript:alert(1))")
#: The payload as stored for display: the URL is redacted, everything else is kept as typed.
PAYLOAD_REDACTED = ("Saimme mahdollisuuden vaikuttaa. <script>alert(1)</script> "
                    "![x]([verkko-osoite]) [link](javascript:alert(1))")
PAYLOAD_RESPONDENT = "o2023-ngo-uusimaa-1"

BENEFITS: dict[str, tuple[str, ...]] = {
    "fi": (
        "Saimme uusia kontakteja ja yhteistyökumppaneita.",
        "Hyviä käytäntöjä jaettiin muiden kuntien kanssa. Yhteyshenkilö Mikko Virtanen, puh. 040 123 4567.",
        "Koulutukset lisäsivät osaamista.",
        "Tiedonvaihto parani selvästi.",
        "Saimme uusia kontakteja, ja koulutukset olivat hyödyllisiä.",
        "Yhteistyö järjestöjen ja viranomaisten välillä parani.",
    ),
    "sv": ("Vi fick nya kontakter.", "Vi lärde oss goda exempel från andra.", "Utbildningarna gav oss kunskap."),
    "en": ("We got new contacts.", "Training improved our skills.", "Nothing in particular to mention here."),
}
DEVELOPMENT: dict[str, tuple[str, ...]] = {
    "fi": ("Tarvitaan lisää rahoitusta ja resursseja.", "Maahanmuuttajien osallisuutta pitää vahvistaa.",
           "Alueellista koordinaatiota tarvitaan."),
    "sv": ("Mer resurser behövs.", "Invandrarnas delaktighet måste stärkas."),
    "en": ("More funding is needed.", "Immigrants should take part in planning."),
}
NON_ANSWERS = {"fi": "eos", "sv": "vet inte", "en": "no comment"}


def open_answer_records(sizes: GroupSizes, wave: int, seed: int, *, payload: bool = False) -> list[RespondentRecord]:
    """Respondents of ``wave`` with the group sizes given, answering the two open questions."""
    rng = random.Random(seed)
    records: list[RespondentRecord] = []
    start = datetime(2022, 11, 4) if wave == 2023 else datetime(2020, 12, 1)
    for (org_type, ely_area, language), n in sorted(sizes.items()):
        for i in range(n):
            position = len(records)
            source_id = f"o{wave}-{org_type}-{ely_area}-{i + 1}"
            small_sector = org_type in ("company", "other")
            if payload and source_id == PAYLOAD_RESPONDENT:
                benefits = PAYLOAD
            elif position % 7 == 3 and not small_sector:
                benefits = NON_ANSWERS[language]
            else:
                benefits = BENEFITS[language][position % len(BENEFITS[language])]
            development = DEVELOPMENT[language][rng.randrange(len(DEVELOPMENT[language]))]
            records.append(RespondentRecord(
                wave=wave, source_id=source_id, survey_language=language, org_type=org_type,
                ely_area=ely_area, submitted_at=start + timedelta(hours=rng.randrange(24 * 60)),
                answers=[AnswerRecord("open_benefits", value_text=benefits),
                         AnswerRecord("open_development", value_text=development)],
            ))
    return records


def open_answer_survey(*, payload: bool = True) -> list[RespondentRecord]:
    """Both waves of the survey described in the module docstring."""
    return [*open_answer_records(SIZES_2020, 2020, seed=20),
            *open_answer_records(SIZES_2023, 2023, seed=23, payload=payload)]


def build_open_answer_database(database_url: str, records: list[RespondentRecord],
                               policy: Policy | None = None, *, steps: bool = True) -> sessionmaker[Session]:
    """A migrated store with ``records``; ``steps`` runs the post-load steps (text, protection)."""
    from codebook import load_codebook, load_reference
    from pipeline import after_load

    reference = load_reference()
    codebook = load_codebook(reference=reference)
    engine = create_engine_from_url(database_url)
    upgrade_schema(engine)
    factory = make_session_factory(engine)
    with factory() as session, session.begin():
        store_codebook(session, codebook, reference)
        store_respondents(session, records)
        if steps:
            after_load(session, policy or Policy())
    return factory
