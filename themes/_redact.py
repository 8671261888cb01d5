"""Redaction of personal data in open answers before any quote is stored for display.

Why here and not at display time: the raw text must never reach a page, so the pipeline stores
only the redacted text. Each detector is conservative in its own way: identity codes and IBANs
count only with a valid checksum, phone numbers only when ``phonenumbers`` calls them valid,
person names need voikko's name classes (or a name list plus capitalisation in Swedish and
English), and organisations come from a gazetteer plus a few name patterns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import phonenumbers
from stdnum import iban as std_iban
from stdnum.se import personnummer

from themes._lemmatise import Lemmatiser
from themes._text import Word, split_words

DATA = Path(__file__).resolve().parent / "lists"

#: Kinds of redacted items, in the order of precedence when spans overlap.
KINDS: tuple[str, ...] = ("id", "account", "email", "url", "phone", "organisation", "name")
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "fi": {"name": "[nimi]", "email": "[sähköposti]", "url": "[verkko-osoite]",
           "phone": "[puhelinnumero]", "id": "[henkilötunnus]", "account": "[tilinumero]",
           "organisation": "[organisaatio]"},
    "sv": {"name": "[namn]", "email": "[e-post]", "url": "[webbadress]", "phone": "[telefonnummer]",
           "id": "[personbeteckning]", "account": "[kontonummer]", "organisation": "[organisation]"},
    "en": {"name": "[name]", "email": "[email]", "url": "[url]", "phone": "[phone number]",
           "id": "[identity code]", "account": "[account number]", "organisation": "[organisation]"},
}

_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:fi|se|com|org|net|eu|ax|info|io|nu|gov|edu|int)\b"
    r"(?:/[^\s<>\"'()\[\]]*)?",
    re.IGNORECASE,
)
#: Finnish personal identity code: DDMMYY, century sign (old "+-A", 2023 also "BCDEF" and
#: "YXWVU"), individual number, check character.
_HETU = re.compile(r"\b(\d{2})(\d{2})(\d{2})([-+ABCDEFUVWXY])(\d{3})([0-9A-Y])\b", re.IGNORECASE)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, **dict.fromkeys("-UVWXY", 1900), **dict.fromkeys("ABCDEF", 2000)}
_PERSONNUMMER = re.compile(r"\b(?:\d{2})?\d{6}[-+]?\d{4}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
_TRAILING = ".,;:!?"

#: Heads of Finnish organisation names after a place name in the genitive ("Oulun kaupunki",
#: "Kainuun ELY-keskukselle"); stems, so every inflected form matches.
_FI_ORG_HEADS = (
    "ely-kesku", "te-toimisto", "te-palvelu", "elinvoimakesku", "hyvinvointialue", "kaupun",
    "kunna", "kunta", "seurakun", "yliopisto", "ammattikorkeakoulu", "ammattiopisto",
    "kansalaisopisto", "työväenopisto", "aikuisopisto", "kesäyliopisto", "kirjasto",
    "sairaanhoitopiiri", "työllisyysalue", "työllisyyspalvelu", "kotoutumispalvelu",
    "maahanmuuttajapalvelu", "maahanmuuttopalvelu", "vastaanottokesku", "perhekesku",
    "poliisilaitos",
)
_FI_ORG = re.compile(
    r"\b(?P<mod>[A-ZÅÄÖ][\w-]*(?::n|n))\s+(?P<head>(?:" + "|".join(_FI_ORG_HEADS) + r")\w*)",
    re.IGNORECASE,
)
_SV_ORG = re.compile(
    r"\b(?P<mod>[A-ZÅÄÖ][\w-]+)\s+(?P<head>(?:stad|stads|kommun|välfärdsområde|församling|"
    r"universitet|högskola|folkhögskola|institut|bibliotek)\w*)\b"
)
_SV_ORG_IN = re.compile(
    r"\b(?:NTM-central|TE-byrå|[Ll]ivskraftscentral|[Aa]rbets- och näringsbyrå|"
    r"[Vv]älfärdsområdet|[Ff]örsamlingen)\w*\s+i\s+[A-ZÅÄÖ][\w-]+"
)
_EN_ORG = re.compile(
    r"\b(?:City|Town|Municipality|University|Parish|Wellbeing Services County|"
    r"(?:ELY|Ely) [Cc]entre|TE [Oo]ffice|Economic Development Centre)\s+(?:of|for)\s+"
    r"[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?"
)
_EN_ORG_AFTER = re.compile(
    r"\b(?P<mod>[A-ZÅÄÖ][\w-]+)\s+(?P<head>City(?: Council)?|Municipality|University|Parish|"
    r"Wellbeing Services County|ELY [Cc]entre|TE [Oo]ffice)\b"
)
#: Legal-form suffixes after an organisation's name ("Kotilo ry", "Esimerkki Oy", "Bolaget Ab").
_LEGAL_SUFFIX = re.compile(r"(?:ry|rf|sr|Oy|Oyj|Ab|AB|Ltd|Ky|Inc|r\.y\.?|r\.f\.?)(?::\w+)?(?!\w)")
#: Lower-case nouns that may stand inside such a name ("Monikulttuurinen yhdistys Kotilo ry").
_ORG_NOUNS = frozenset({
    "yhdistys", "säätiö", "seura", "liitto", "keskus", "kerho", "klubi", "verkosto", "osuuskunta",
    "kylätoimikunta", "förening", "stiftelse", "förbund", "klubb", "centrum", "association",
    "foundation", "society", "club", "network", "centre", "center",
})
_MODIFIER_NOT_PLACE = frozenset({
    "suomen", "ruotsin", "euroopan", "pohjoismaiden", "valtion", "kaikkien", "muiden", "monen",
    "näiden", "niiden", "meidän", "teidän", "heidän", "oman", "isojen", "pienten", "suurten",
    "finlands", "sveriges", "varje", "en", "ett", "den", "det", "vår", "er", "denna", "annan",
    "the", "this", "our", "each", "every", "any", "your", "their", "its", "which", "that",
})
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "herr", "fru", "rouva", "herra",
                     "neiti", "tohtori"})
_FI_CASE_ENDINGS = ("lle", "lla", "llä", "lta", "ltä", "ssa", "ssä", "sta", "stä", "ksi",
                    "na", "nä", "n", "a", "ä", "s", "'s", "’s")


@dataclass(frozen=True, slots=True)
class RedactionSpan:
    """A redacted stretch of the original text (no copy of the text is kept)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text and what was removed."""

    text: str
    spans: tuple[RedactionSpan, ...]

    @property
    def counts(self) -> Counter[str]:
        return Counter(span.kind for span in self.spans)

    @property
    def changed(self) -> bool:
        return bool(self.spans)


def _read_list(name: str) -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.update(w.lower() for w in line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case first names of the name list (ambiguous ones included)."""
    return _read_list("first_names.txt") | _read_list("ambiguous_names.txt")


@lru_cache(maxsize=1)
def ambiguous_names() -> frozenset[str]:
    return _read_list("ambiguous_names.txt")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Swedish and English stopwords: "The ELY centre" and "Varje stad" name no organisation."""
    import stopwordsiso  # noqa: PLC0415 - loaded with the first organisation check

    return frozenset(w.lower() for lang in ("sv", "en") for w in stopwordsiso.stopwords(lang))


def _stem_pattern(word: str) -> str:
    """Inflection-tolerant pattern of one gazetteer word: its stem plus any ending."""
    if len(word) <= 4 or word.isupper():
        return re.escape(word) + r"(?::\w+)?"
    cut = 3 if len(word) >= 8 else 2 if len(word) >= 6 else 1
    return re.escape(word[:-cut]) + r"[\w-]*"


@lru_cache(maxsize=1)
def _gazetteer() -> re.Pattern[str]:
    names: list[str] = []
    for line in (DATA / "organisations.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    names.sort(key=len, reverse=True)
    alternatives = [r"\s+".join(_stem_pattern(w) for w in name.split()) for name in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def is_valid_hetu(code: str) -> bool:
    """Whether ``code`` is a Finnish personal identity code with a valid date and check character."""
    match = _HETU.fullmatch(code.strip())
    if not match:
        return False
    day, month, year, sign, individual, check = match.groups()
    century = _HETU_CENTURY.get(sign.upper())
    if century is None:
        return False
    try:
        date(century + int(year), int(month), int(day))
    except ValueError:
        return False
    expected = _HETU_CHECK[int(day + month + year + individual) % 31]
    return check.upper() == expected


def _strip_trailing(start: int, end: int, text: str) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


class Redactor:
    """Finds and replaces personal data; one instance is reused for every answer.

    Parameters
    ----------
    lemmatiser
        Supplies voikko's name and place classes for Finnish words.
    """

    def __init__(self, lemmatiser: Lemmatiser) -> None:
        self.lemmatiser = lemmatiser

    def redact(self, text: str, language: str, words: list[Word] | None = None) -> Redaction:
        """Replace personal data in ``text`` with placeholders in ``language``.

        Parameters
        ----------
        text
            A normalised answer.
        language
            "fi", "sv" or "en": the language of the placeholders and of name detection.
        words
            The words of ``text`` when the caller already split it.
        """
        language = language if language in PLACEHOLDERS else "fi"
        words = split_words(text) if words is None else words
        candidates: list[RedactionSpan] = []
        candidates += self._identity_codes(text, language)
        candidates += self._accounts(text)
        candidates += [RedactionSpan(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
        candidates += self._urls(text)
        candidates += self._phones(text, language)
        candidates += self._organisations(text, words)
        candidates += self._names(words, language)
        spans = _resolve(candidates, text)
        return Redaction(_apply(text, spans, PLACEHOLDERS[language]), spans)

    # -- detectors ------------------------------------------------------------------------------

    def _identity_codes(self, text: str, language: str) -> list[RedactionSpan]:
        found = [RedactionSpan(m.start(), m.end(), "id") for m in _HETU.finditer(text)
                 if is_valid_hetu(m.group())]
        for match in _PERSONNUMMER.finditer(text):
            value = match.group()
            digits = re.sub(r"\D", "", value)
            # A bare 10-digit number in a Finnish answer is far more likely a phone number.
            explicit = len(digits) == 12 or not value.isdigit() or language == "sv"
            if explicit and personnummer.is_valid(value):
                found.append(RedactionSpan(match.start(), match.end(), "id"))
        return found

    def _accounts(self, text: str) -> list[RedactionSpan]:
        found: list[RedactionSpan] = []
        for match in _IBAN.finditer(text):
            value = match.group()
            # The pattern may swallow a following code-like word: shrink until the checksum holds.
            for end in range(len(value), 14, -1):
                candidate = value[:end].rstrip()
                if std_iban.is_valid(candidate):
                    found.append(RedactionSpan(match.start(), match.start() + len(candidate),
                                               "account"))
                    break
        return found

    def _urls(self, text: str) -> list[RedactionSpan]:
        found = []
        for pattern in (_URL, _DOMAIN):
            for match in pattern.finditer(text):
                start, end = _strip_trailing(match.start(), match.end(), text)
                if start > 0 and text[start - 1] == "@":
                    continue
                found.append(RedactionSpan(start, end, "url"))
        return found

    def _phones(self, text: str, language: str) -> list[RedactionSpan]:
        regions = ("FI", "SE") if language == "sv" else ("FI",)
        found = []
        for region in regions:
            for match in phonenumbers.PhoneNumberMatcher(text, region):
                found.append(RedactionSpan(match.start, match.end, "phone"))
        return found

    def _is_place_modifier(self, word: str, sentence_start: bool) -> bool:
        """Whether a capitalised genitive can be a place ("Oulun", "Kainuun"), not "Monen"."""
        lower = word.lower()
        if lower in _MODIFIER_NOT_PLACE:
            return False
        if self.lemmatiser.has_voikko:
            analysis = self.lemmatiser.analyse(word.split(":", 1)[0], "fi")
            if analysis.known:
                return analysis.has_place_class or not analysis.has_common_class
        return not sentence_start

    def _is_ordinary_word(self, word: Word) -> bool:
        """A capitalised word that is an ordinary word, not a name ("Yhteistyö", "The")."""
        if word.lower in _common_words():
            return True
        if self.lemmatiser.has_voikko:
            analysis = self.lemmatiser.analyse(word.text, "fi")
            return (analysis.known and analysis.has_common_class
                    and not analysis.has_name_class and not analysis.has_place_class)
        return False

    def _organisations(self, text: str, words: list[Word]) -> list[RedactionSpan]:
        found = [RedactionSpan(m.start(), m.end(), "organisation")
                 for m in _gazetteer().finditer(text)]
        starts = {w.start: w for w in words}
        for pattern in (_FI_ORG, _SV_ORG, _EN_ORG_AFTER):
            for match in pattern.finditer(text):
                modifier = match.group("mod")
                if not modifier[0].isupper() or modifier.lower() in _common_words():
                    continue
                word = starts.get(match.start())
                sentence_start = word.sentence_start if word is not None else True
                if self._is_place_modifier(modifier, sentence_start):
                    found.append(RedactionSpan(match.start(), match.end(), "organisation"))
        for pattern in (_SV_ORG_IN, _EN_ORG):
            found += [RedactionSpan(m.start(), m.end(), "organisation")
                      for m in pattern.finditer(text)]
        return found + _legal_form_names(text, words, self._is_ordinary_word)

    def _names(self, words: list[Word], language: str) -> list[RedactionSpan]:
        if language == "fi" and self.lemmatiser.has_voikko:
            flags = self._finnish_names(words)
        else:
            flags = self._listed_names(words, language)
        return [RedactionSpan(w.start, w.end, "name") for w, flag in zip(words, flags, strict=True)
                if flag]

    def _finnish_names(self, words: list[Word]) -> list[bool]:
        """voikko's name classes decide; ambiguous words need a neighbouring name."""
        names = first_names()
        n = len(words)
        sure = [False] * n
        maybe = [False] * n
        for i, word in enumerate(words):
            if not word.is_capitalised:
                continue
            analysis = self.lemmatiser.analyse(word.text, "fi")
            base = _name_base(word.text, names, "fi")
            listed = base is not None and base not in ambiguous_names()
            if not analysis.known:
                # Foreign names voikko does not know ("Fatima"): the list, or a neighbour later.
                sure[i] = listed and "-" not in word.text
                maybe[i] = not word.sentence_start or listed
                continue
            if not analysis.has_name_class:
                continue
            only_name = not analysis.has_common_class and not analysis.has_place_class
            if only_name or (listed and not word.sentence_start):
                sure[i] = True
            elif not word.sentence_start and not analysis.has_place_class:
                sure[i] = True  # a capitalised "Satu" or "Toivo" mid-sentence is a name
            else:
                maybe[i] = True
        return _extend_to_neighbours(words, sure, maybe)

    def _listed_names(self, words: list[Word], language: str) -> list[bool]:
        """The name list plus capitalisation, for Swedish, English and Finnish without voikko."""
        names = first_names()
        ambiguous = ambiguous_names()
        n = len(words)
        sure = [False] * n
        maybe = [False] * n
        for i, word in enumerate(words):
            if not word.is_capitalised:
                continue
            base = _name_base(word.text, names, language)
            titled = i > 0 and words[i - 1].lower.rstrip(".") in _TITLES
            if base is not None and base not in ambiguous:
                sure[i] = True
            elif titled:
                sure[i] = True
            elif base is not None or not word.sentence_start:
                maybe[i] = True
        return _extend_to_neighbours(words, sure, maybe)


def _legal_form_names(
    text: str, words: list[Word], is_ordinary: Callable[[Word], bool]
) -> list[RedactionSpan]:
    """Names ending in a legal form: capitalised words (and organisation nouns) before "ry".

    A sentence-initial ordinary word ("Yhteistyö Kotilo ry:n kanssa") does not start the name.
    """
    found = []
    for i, word in enumerate(words):
        suffix = _LEGAL_SUFFIX.match(text, word.start) if i > 0 else None
        if suffix is None:
            continue
        first = None
        for j in range(i - 1, max(-1, i - 6), -1):
            candidate = words[j]
            if text[candidate.end : words[j + 1].start].strip():
                break  # punctuation ends the name
            if candidate.is_capitalised or candidate.text.isupper() or candidate.text[0].isdigit():
                first = j
            elif candidate.lower not in _ORG_NOUNS:
                break
            if candidate.sentence_start:
                if first == j and is_ordinary(candidate) and j < i - 1:
                    first = j + 1
                break
        if first is not None:
            found.append(RedactionSpan(words[first].start, suffix.end(), "organisation"))
    return found


def _name_base(text: str, names: frozenset[str], language: str) -> str | None:
    """The listed first name behind an (inflected or genitive) word form, if any."""
    lower = text.lower()
    if lower in names:
        return lower
    for ending in _FI_CASE_ENDINGS:
        if language != "fi" and ending not in ("s", "'s", "’s"):
            continue
        if lower.endswith(ending) and lower[: -len(ending)] in names:
            return lower[: -len(ending)]
    return None


def _extend_to_neighbours(words: list[Word], sure: list[bool], maybe: list[bool]) -> list[bool]:
    """A 'maybe' word next to a sure name in the same sentence is a name too ("Anna Svensson")."""
    result = list(sure)
    changed = True
    while changed:
        changed = False
        for i, word in enumerate(words):
            if result[i] or not maybe[i]:
                continue
            left = i > 0 and result[i - 1] and not word.sentence_start
            right = (i + 1 < len(words) and result[i + 1] and not words[i + 1].sentence_start)
            if left or right:
                result[i] = True
                changed = True
    return result


def _resolve(candidates: Iterable[RedactionSpan], text: str) -> tuple[RedactionSpan, ...]:
    """Non-overlapping spans: earlier kinds in KINDS win, then longer spans; neighbours merge."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    chosen: list[RedactionSpan] = []
    for span in sorted(candidates, key=lambda s: (order[s.kind], -(s.end - s.start), s.start)):
        if span.end <= span.start:
            continue
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    chosen.sort(key=lambda s: s.start)
    merged: list[RedactionSpan] = []
    for span in chosen:
        if merged and merged[-1].kind == span.kind and not text[merged[-1].end : span.start].strip():
            merged[-1] = RedactionSpan(merged[-1].start, span.end, span.kind)
        else:
            merged.append(span)
    return tuple(merged)


def _apply(text: str, spans: tuple[RedactionSpan, ...], placeholders: dict[str, str]) -> str:
    pieces: list[str] = []
    position = 0
    for span in spans:
        pieces.append(text[position : span.start])
        pieces.append(placeholders[span.kind])
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)
