"""Writes the small, made-up export fixtures of the importer tests (run it to regenerate them).

    .venv/bin/python tests/data/import/make_fixtures.py

Every respondent here is invented; personal-data columns hold documentation values (192.0.2.x,
example.invalid) that the tests assert never reach the store. See README.md for what each file
is for.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent

META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address",
        "First Name", "Last Name", "Custom Data 1"]
OLD_META = ["RespondentID", "CollectorID", "StartDate", "EndDate", "IP Address", "Email Address",
            "FirstName", "LastName", "CustomData"]

# Question blocks per language: (row-1 text, [row-2 texts]).
BLOCKS = {
    "fi": [
        ("Minkä tyyppistä organisaatiota edustatte?", ["Response"]),
        ("Minkä ELY-keskuksen alueella organisaationne pääasiassa toimii?", ["Response"]),
        ("Mikä on asemanne organisaatiossa?", ["Response", "Muu (täsmennä)"]),
        ("Vuoropuhelu viranomaisten kanssa", ["kunnan tasolla", "alueellisella tasolla"]),
        ("Millaisen arvosanan (1–10) antaisitte kotoutumistyön yhteistyölle kunnan tasolla?",
         ["Response"]),
        ("Mihin kumppanuusohjelman valtakunnalliseen toimintaan organisaationne on osallistunut?",
         ["Koulutukset ja osaamisen kehittäminen", "Webinaarit", "En mihinkään"]),
        ("Miten kotoutumistyön yhteistyötä pitäisi kehittää?", ["Open-Ended Response"]),
    ],
    "sv": [
        ("Vilken typ av organisation representerar ni?", ["Response"]),
        ("Inom vilken NTM-centrals område verkar er organisation huvudsakligen?", ["Response"]),
        ("Vilken är er ställning i organisationen?", ["Response", "Annan (precisera)"]),
        ("Dialog med myndigheterna", ["på kommunal nivå", "på regional nivå"]),
        ("Vilket vitsord (1–10) skulle ni ge samarbetet i integrationsarbetet på kommunal nivå?",
         ["Response"]),
        ("I vilken nationell verksamhet inom partnerskapsprogrammet har er organisation deltagit?",
         ["Utbildningar och kompetensutveckling", "Webbinarier", "Ingen"]),
        ("Hur borde samarbetet i integrationsarbetet utvecklas?", ["Open-Ended Response"]),
    ],
    "en": [
        ("What type of organisation do you represent?", ["Response"]),
        ("In which ELY Centre's area does your organisation mainly operate?", ["Response"]),
        ("What is your role in the organisation?", ["Response", "Other (please specify)"]),
        ("Dialogue with the authorities", ["at municipal level", "at regional level"]),
        ("What grade (1–10) would you give cooperation in integration work at municipal level?",
         ["Response"]),
        ("Which national activities of the programme has your organisation taken part in?",
         ["Trainings and competence development", "Webinars", "None"]),
        ("How should cooperation in integration work be developed?", ["Open-Ended Response"]),
    ],
}

FI_ROWS = [
    ["118123456701", "401", "11/04/2022 09:15:32 AM", "11/04/2022 09:22:10 AM", "192.0.2.1",
     "anna@example.invalid", "Testi", "Henkilö", "panel-1",
     "kunta tai kuntayhtymä", "Uusimaa", "Asiantuntija tai suunnittelija", "",
     "Jokseenkin samaa mieltä", "En osaa sanoa", "8",
     "Koulutukset ja osaamisen kehittäminen", "Webinaarit", "", "Enemmän yhteisiä tapaamisia."],
    ["118123456702", "401", "11/05/2022 01:02:03 PM", "11/05/2022 01:15:00 PM", "192.0.2.2",
     "ben@example.invalid", "Keksitty", "Nimi", "panel-2",
     "järjestö, yhdistys tai säätiö", "Pirkanmaa", "", "Hallituksen jäsen",
     "Täysin eri mieltä", "Jokseenkin eri mieltä", "5", "", "", "En mihinkään", ""],
    ["118123456703", "401", "12/01/2022 10:00:00 AM", "12/01/2022 10:09:59 AM", "192.0.2.3",
     "cecilia@example.invalid", "Kolmas", "Testaaja", "panel-3",
     "yritys", "Lappi", "Johto tai esihenkilö", "", "", "", "", "", "", "En mihinkään",
     "Lisää koulutusta ruotsiksi."],
    ["118123456704", "401", "02/20/2023 08:00:00 PM", "02/20/2023 08:01:30 PM", "192.0.2.4",
     "", "", "", "", "", "", "", "", "", "", "10", "", "", "", ""],
]
SV_ROWS = [
    ["118123456801", "402", "11/10/2022 11:11:11 AM", "11/10/2022 11:20:00 AM", "192.0.2.11",
     "dora@example.invalid", "Test", "Person", "panel-11",
     "kommun eller samkommun", "Nyland", "Sakkunnig eller planerare", "",
     "Helt av samma åsikt", "Delvis av annan åsikt", "9", "", "Webbinarier", "",
     "Mer samarbete på svenska."],
    ["118123456802", "402", "01/15/2023 03:30:00 PM", "01/15/2023 03:45:00 PM", "192.0.2.12",
     "", "", "", "", "företag", "Österbotten", "Annan", "", "Kan inte säga", "", "7",
     "Utbildningar och kompetensutveckling", "", "", ""],
]
EN_ROWS = [
    ["118123456901", "403", "11/20/2022 09:00:00 AM", "11/20/2022 09:30:00 AM", "192.0.2.21",
     "eve@example.invalid", "Made", "Up", "panel-21",
     "NGO", "Southwest Finland", "Project worker", "", "Somewhat agree", "Strongly agree", "6",
     "", "Webinars", "", "More meetings in English."],
    ["118123456902", "403", "02/01/2023 12:00:00 PM", "02/01/2023 12:05:00 PM", "192.0.2.22",
     "", "", "", "", "educational institution", "Lapland", "", "Volunteer coordinator",
     "Neither agree nor disagree", "", "", "Trainings and competence development", "", "", ""],
]


def two_header_rows(language: str) -> list[list[str]]:
    first, second = list(META), [""] * len(META)
    for block, subs in BLOCKS[language]:
        for position, sub in enumerate(subs):
            first.append(block if position == 0 else "")
            second.append(sub)
    return [first, second]


def one_header_row(language: str) -> list[list[str]]:
    row = list(OLD_META)
    for block, subs in BLOCKS[language]:
        for sub in subs:
            generic = sub in ("Response", "Open-Ended Response")
            row.append(block if generic else f"{block} - {sub}")
    return [row]


def write(name: str, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",",
          bom: bool = False) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (HERE / name).write_bytes(data)


def with_cells(rows: list[list[str]], changes: dict[tuple[int, int], str]) -> list[list[str]]:
    """Copies of ``rows`` with (row index, column index) -> new value."""
    out = [list(r) for r in rows]
    for (r, c), value in changes.items():
        out[r][c] = value
    return out


def main() -> None:
    fi_head, sv_head, en_head = (two_header_rows(x) for x in ("fi", "sv", "en"))
    # Header layouts.
    write("wave2023_fi.csv", fi_head + FI_ROWS, bom=True)
    write("wave2023_sv.csv", sv_head + SV_ROWS)
    write("wave2023_en_single_header.csv", one_header_row("en") + EN_ROWS)
    # One multilingual export (English headers) whose Collector ID tells the language.
    multilingual = en_head + [FI_ROWS[0], SV_ROWS[0], EN_ROWS[0]]
    write("multilingual_collectors.csv", multilingual)
    # Encodings and Excel re-saves (Finnish Excel writes semicolons and d.m.yyyy dates).
    resaved = with_cells(FI_ROWS, {(0, 2): "4.11.2022 9:15", (0, 3): "4.11.2022 9:22",
                                   (1, 2): "5.11.2022 13:02", (1, 3): "5.11.2022 13:15",
                                   (2, 2): "1.12.2022 10:00", (2, 3): "1.12.2022 10:09",
                                   (3, 2): "20.2.2023 20:00", (3, 3): "20.2.2023 20:01"})
    write("excel_cp1252_semicolon_fi.csv", fi_head + resaved, encoding="cp1252", delimiter=";")
    write("excel_mac_roman_fi.csv", fi_head + FI_ROWS, encoding="mac_roman")
    # Damage, one kind per file.
    write("damaged_scientific_ids.csv", fi_head + with_cells(
        FI_ROWS[:3], {(0, 0): "1.18E+11", (1, 0): "1,18123E+11"}))
    write("damaged_hash_dates.csv", fi_head + with_cells(FI_ROWS[:2], {(1, 3): "##########"}))
    write("duplicate_ids.csv", fi_head + with_cells(FI_ROWS[:3], {(2, 0): "118123456701"}))
    write("bad_values.csv", fi_head + with_cells(FI_ROWS[:4], {
        (0, 11): "Pomo",                       # role: not an option
        (1, 15): "11",                         # grade: out of range
        (2, 13): "Samaa mieltä",               # matrix row: not an option
        (3, 16): "kyllä?",                     # check-all column: not the option's label
    }))
    empty = [""] * len(fi_head[0])
    write("empty_rows.csv", fi_head + [FI_ROWS[0], empty, FI_ROWS[1], empty])
    unmapped_head = [fi_head[0] + ["Lisäkysymys"], fi_head[1] + ["Response"]]
    write("unmapped_column.csv", unmapped_head + [r + ["jotain"] for r in FI_ROWS[:2]])
    write("unknown_layout.csv", [["Kumppanuusbarometri 2023 - kaikki vastaukset"]] + fi_head
          + FI_ROWS[:1])
    write("new_survey_fi.csv", NEW_SURVEY)


# A survey that has no codebook yet, for the drafter: one block of each detectable type.
_NEW_BLOCKS = [
    ("Organisaation tyyppi", ["Response"]),
    ("Kuinka tyytyväinen olette yhteistyöhön?", ["Response"]),
    ("Montako työntekijää organisaatiossanne on?", ["Response"]),
    ("Asettakaa teemat tärkeysjärjestykseen", ["Koulutus", "Verkostot", "Rahoitus"]),
    ("Mitä viestintäkanavia käytätte?", ["Sähköposti", "Sosiaalinen media", "Muu (täsmennä)"]),
    ("Arvioikaa väittämät", ["Tieto kulkee hyvin", "Yhteistyö toimii"]),
    ("Terveiset kyselyn tekijöille", ["Open-Ended Response"]),
]
_NEW_HEAD = [list(META) + [b if i == 0 else "" for b, subs in _NEW_BLOCKS for i in range(len(subs))],
             [""] * len(META) + [s for _b, subs in _NEW_BLOCKS for s in subs]]
_NEW_ANSWERS = [
    ["kunta tai kuntayhtymä", "Tyytyväinen", "12", "1", "2", "3", "Sähköposti", "", "",
     "Samaa mieltä", "Eri mieltä", "Kiitos kyselystä ja hyvää jatkoa kaikille."],
    ["yritys", "Tyytymätön", "3", "3", "1", "2", "", "Sosiaalinen media", "Uutiskirje",
     "Eri mieltä", "Eri mieltä", "Lisää tapaamisia alueella, kiitos."],
    ["järjestö, yhdistys tai säätiö", "Neutraali", "250", "2", "3", "1", "Sähköposti",
     "Sosiaalinen media", "", "Samaa mieltä", "Samaa mieltä", ""],
    ["kunta tai kuntayhtymä", "Tyytyväinen", "45", "1", "3", "2", "", "", "",
     "Samaa mieltä", "", "Kysely oli sopivan lyhyt ja selkeä."],
    ["yritys", "", "7", "", "", "", "Sähköposti", "", "", "Eri mieltä", "Samaa mieltä", ""],
]
NEW_SURVEY = _NEW_HEAD + [
    [f"2190000000{n}", "501", "11/04/2022 09:00:00 AM", "11/04/2022 09:10:00 AM", "", "", "",
     "", "", *answers]
    for n, answers in enumerate(_NEW_ANSWERS, start=1)
]


if __name__ == "__main__":
    main()
