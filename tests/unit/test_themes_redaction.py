"""Redaction of open answers: names, identity codes, phones, e-mails, URLs, IBANs, organisations.

Every planted item must go; clean answers (capitalised sentence starts, place names, dates,
generic organisation types) must come back unchanged.
"""

from __future__ import annotations

import pytest

from themes import PLACEHOLDERS, default_analyser, is_valid_hetu, redact_text


def _redact(text: str, language: str) -> str:
    return default_analyser().redact(text, language).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kiitos Mikko Virtaselle avusta.", "Kiitos [nimi] avusta."),
        ("Annalle iso kiitos!", "[nimi] iso kiitos!"),
        ("Soitin Pekalle eilen.", "Soitin [nimi] eilen."),
        ("Kiitos Liisa Korhoselle ja Satu Mäkiseltä.", "Kiitos [nimi] ja [nimi]."),
        ("Puhuin Ahmed Hassanin kanssa.", "Puhuin [nimi] kanssa."),
        ("Terveiset Fatimalle!", "Terveiset [nimi]!"),
        ("Anna-Liisalle kiitos koulutuksesta.", "[nimi] kiitos koulutuksesta."),
        ("Toivon, että Toivo Kallio jatkaa.", "Toivon, että [nimi] jatkaa."),
    ],
)
def test_finnish_person_names_are_redacted_in_inflected_forms(text: str, expected: str) -> None:
    assert _redact(text, "fi") == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Tack till Anna Svensson för hjälpen.", "sv", "Tack till [namn] för hjälpen."),
        ("Tack Eva Lind och Björn!", "sv", "Tack [namn] och [namn]!"),
        ("Annas föreläsning var bra.", "sv", "[namn] föreläsning var bra."),
        ("Thanks to John Smith from the team.", "en", "Thanks to [name] from the team."),
        ("Mr Jones helped us a lot.", "en", "Mr [name] helped us a lot."),
        ("Emma's training was great.", "en", "[name] training was great."),
    ],
)
def test_swedish_and_english_names_use_the_name_list(text: str, language: str, expected: str) -> None:
    assert _redact(text, language) == expected


#: Valid identity codes: the old separators ("-", "+", "A") and the 2023 ones (B-F, U-Y);
#: check characters computed by hand from DDMMYYNNN mod 31.
VALID_HETUS = [
    "131052-308T", "181280+555U", "010105A123P",  # old generation: 1900s, 1800s, 2000s
    "150312B456W", "280201C7770", "010101D0101", "121212E321V", "101010F999A",  # new 2000s
    "131052Y308T", "311299X0018", "300691W222U", "200580V150D", "010150U234W",  # new 1900s
]


@pytest.mark.parametrize("code", VALID_HETUS)
def test_valid_identity_codes_of_both_generations_are_redacted(code: str) -> None:
    assert is_valid_hetu(code)
    assert _redact(f"Hetuni on {code}, kiitos.", "fi") == "Hetuni on [henkilötunnus], kiitos."


@pytest.mark.parametrize("code", ["131052-308U", "131052B308A", "320152-308T", "131052G308T"])
def test_identity_codes_with_a_wrong_check_or_date_are_not_redacted_as_ids(code: str) -> None:
    assert not is_valid_hetu(code)
    redaction = default_analyser().redact(f"Koodi {code} ei ole oikea.", "fi")
    assert "id" not in redaction.counts


def test_swedish_personal_numbers_are_validated_by_checksum() -> None:
    redaction = default_analyser().redact("Mitt nummer 811218-9876, fel 811218-9875.", "sv")
    assert redaction.text == "Mitt nummer [personbeteckning], fel 811218-9875."


@pytest.mark.parametrize(
    "phone", ["040 123 4567", "+358 50 765 4321", "09-1234 567", "0401234567", "(09) 310 1234",
              "044-987 6543", "0500 123 456"],
)
def test_finnish_phone_numbers_are_redacted(phone: str) -> None:
    assert _redact(f"Soita {phone} arkisin.", "fi") == "Soita [puhelinnumero] arkisin."


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Lisätietoja: mikko.virtanen@example.fi.", "fi", "Lisätietoja: [sähköposti]."),
        ("Mejla anna_s+info@example.se", "sv", "Mejla [e-post]"),
        ("See https://example.org/page?id=3, thanks.", "en", "See [url], thanks."),
        ("Katso www.example.fi/sivu tai kotona-suomessa.fi.", "fi",
         "Katso [verkko-osoite] tai [verkko-osoite]."),
        ("Tilille FI21 1234 5600 0007 85 maksettiin.", "fi", "Tilille [tilinumero] maksettiin."),
    ],
)
def test_emails_urls_and_ibans_are_redacted(text: str, language: str, expected: str) -> None:
    assert _redact(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Kainuun ELY-keskukselta saimme apua.", "fi", "[organisaatio] saimme apua."),
        ("Oulun kaupungin kanssa yhteistyö toimii.", "fi", "[organisaatio] kanssa yhteistyö toimii."),
        ("Etelä-Pohjanmaan TE-toimisto auttoi.", "fi", "[organisaatio] auttoi."),
        ("Yhteistyö Kotilo ry:n kanssa, ja Esimerkki Oy:n kanssa.", "fi",
         "Yhteistyö [organisaatio] kanssa, ja [organisaatio] kanssa."),
        ("Meitä auttoi Monikulttuurinen yhdistys Kotilo r.y. paljon.", "fi",
         "Meitä auttoi [organisaatio] paljon."),
        ("Monikulttuurinen yhdistys Kotilo r.y. auttoi.", "fi", "Monikulttuurinen [organisaatio] auttoi."),
        ("Suomen Punaisen Ristin vapaaehtoiset auttoivat.", "fi", "[organisaatio] vapaaehtoiset auttoivat."),
        ("Vi samarbetar med NTM-centralen i Nyland och Esbo stad.", "sv",
         "Vi samarbetar med [organisation] och [organisation]."),
        ("The City of Espoo and Vantaa City work with the ELY Centre for Uusimaa.", "en",
         "The [organisation] and [organisation] work with the [organisation]."),
    ],
)
def test_organisation_names_are_redacted(text: str, language: str, expected: str) -> None:
    assert _redact(text, language) == expected


#: Clean answers: nothing may change. Capitalised sentence starts that are also names ("Anna",
#: "Toivon", "Onni"), place names, dates, percentages and generic organisation types.
CLEAN_ANSWERS = [
    ("Hyvä ohjelma, kiitos!", "fi"),
    ("Anna meille lisää tietoa koulutuksista.", "fi"),
    ("Toivon, että yhteistyö jatkuu myös ensi vuonna.", "fi"),
    ("Usko tulevaisuuteen on vahva.", "fi"),
    ("Onni on, että meillä on hyvät verkostot.", "fi"),
    ("Kainuu on pieni maakunta, mutta yhteistyö toimii.", "fi"),
    ("Helsingissä on paljon toimijoita.", "fi"),
    ("Tampereella ja Oulussa järjestettiin alueellisia tilaisuuksia.", "fi"),
    ("Vaasa, Rovaniemi ja Joensuu olivat mukana.", "fi"),
    ("ELY-keskus ja TE-toimisto ovat tärkeitä kumppaneita.", "fi"),
    ("Kunnat ja järjestöt tekevät yhteistyötä.", "fi"),
    ("Suomen kunnat tarvitsevat lisää resursseja.", "fi"),
    ("Monen kunnan resurssit ovat pienet.", "fi"),
    ("Vuonna 2023 vastaajia oli 375, ja 50 % oli tyytyväisiä.", "fi"),
    ("Tilaisuus oli 1.1.2023 klo 9-16.", "fi"),
    ("TEM ja Kela voisivat tiedottaa enemmän.", "fi"),
    ("Kotoutumislaki uudistui 2025.", "fi"),
    ("Webinaarit Teamsissa toimivat hyvin.", "fi"),
    ("Lappi ja Pohjanmaa ovat kaukana Uudeltamaalta.", "fi"),
    ("Maahanmuuttajat ja pakolaiset tarvitsevat tukea.", "fi"),
    ("Verkostot ovat kasvaneet vuodesta 2020.", "fi"),
    ("Uudenmaan alueella yhteistyö toimii.", "fi"),
    ("Ukrainasta tulleet tarvitsevat kielikoulutusta.", "fi"),
    ("Esimerkiksi selkokielinen viestintä auttaa.", "fi"),
    ("Lisää yhteistyötä maahanmuuttajajärjestöjen kanssa.", "fi"),
    ("Samarbetet i Nyland fungerar bra.", "sv"),
    ("Helsingfors och Åbo har många aktörer.", "sv"),
    ("Vi fick information om utbildningar i Vasa.", "sv"),
    ("Mer resurser till kommunerna i Österbotten.", "sv"),
    ("Bra program, tack!", "sv"),
    ("The cooperation in Helsinki and Tampere works well.", "en"),
    ("Finland needs more funding for NGOs.", "en"),
    ("Thanks for the webinars on Monday.", "en"),
    ("Will there be more trainings next year?", "en"),
    ("Mark the dates in the calendar.", "en"),
    ("The ELY centre and the municipality should talk more.", "en"),
]


def test_the_clean_list_is_long_enough() -> None:
    assert len(CLEAN_ANSWERS) >= 30


@pytest.mark.parametrize(("text", "language"), CLEAN_ANSWERS)
def test_clean_answers_are_not_redacted(text: str, language: str) -> None:
    redaction = default_analyser().redact(text, language)
    assert redaction.text == text
    assert redaction.spans == ()


def test_placeholders_follow_the_answer_language() -> None:
    text = "Kiitos Mikko Virtaselle, mikko@example.fi."
    assert redact_text(text, "fi") == "Kiitos [nimi], [sähköposti]."
    assert PLACEHOLDERS["sv"]["name"] == "[namn]"
    assert PLACEHOLDERS["en"]["email"] == "[email]"
    assert set(PLACEHOLDERS["fi"]) == set(PLACEHOLDERS["sv"]) == set(PLACEHOLDERS["en"])


def test_several_kinds_in_one_answer_are_counted() -> None:
    redaction = default_analyser().redact(
        "Mikko Virtanen (040 123 4567, mikko@example.fi) Kainuun ELY-keskuksesta.", "fi")
    assert dict(redaction.counts) == {"name": 1, "phone": 1, "email": 1, "organisation": 1}
    assert "Virtanen" not in redaction.text and "4567" not in redaction.text
