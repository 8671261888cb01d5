"""Base forms, compound parts and word classes of single words, in Finnish, Swedish and English.

Why two engines: Finnish inflects and compounds heavily, and keyword rules on raw word forms lose
about a quarter of the matches; libvoikko (over Debian's libvoikko1 + voikko-fi) gives base forms,
compound boundaries and the name classes that redaction needs. Where voikko is missing, simplemma
(low-memory mode) still gives base forms, without compound analysis, and a warning says so.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any

LOGGER = logging.getLogger(__name__)

SUPPORTED_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
#: voikko word classes of person names; "paikannimi" is a place name.
NAME_CLASSES = frozenset({"etunimi", "sukunimi"})
PLACE_CLASS = "paikannimi"
PROPER_CLASSES = NAME_CLASSES | {PLACE_CLASS, "nimi"}

_PARENTHESISED = re.compile(r"\(([^)]*)\)")
_MINEN_FORM = re.compile(r"^(.*mi)(?:nen|s\w*)$")


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the lemmatiser knows about one word form.

    Attributes
    ----------
    lemmas
        Lower-case candidate base forms, the most likely first.
    parts
        Lower-case compound heads ("koulutus" in "kotoutumiskoulutus"), bases of compound members
        and derivations ("kotoutua"), and the lemmas themselves. Empty when ``decomposed`` is False.
    decomposed
        True when a morphological analyser split the word; otherwise part rules fall back to
        substring matching on the lemma.
    classes
        voikko word classes ("etunimi", "sukunimi", "paikannimi", "nimisana", ...); empty outside voikko.
    known
        The analyser recognised the word form.
    """

    lemmas: tuple[str, ...]
    parts: frozenset[str] = frozenset()
    decomposed: bool = False
    classes: frozenset[str] = frozenset()
    known: bool = False

    @property
    def lemma(self) -> str:
        return self.lemmas[0]

    @property
    def has_name_class(self) -> bool:
        return bool(self.classes & NAME_CLASSES)

    @property
    def has_place_class(self) -> bool:
        return PLACE_CLASS in self.classes

    @property
    def has_common_class(self) -> bool:
        """Has a reading as an ordinary word (not a proper noun)."""
        return bool(self.classes - PROPER_CLASSES)


def _load_voikko() -> Any:
    """The Finnish voikko handle; raises when the library or the dictionary is missing."""
    import libvoikko  # noqa: PLC0415 - optional component, imported where it is needed

    return libvoikko.Voikko("fi")


def _load_simplemma() -> Any:
    from simplemma import Lemmatizer  # noqa: PLC0415 - loads dictionaries lazily anyway
    from simplemma.strategies import DefaultStrategy  # noqa: PLC0415

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(low_memory=True))


def _compound_parts(surface: str, analysis: dict[str, str]) -> set[str]:
    """Compound heads (suffixes of the base form at compound boundaries) and member bases."""
    baseform = analysis.get("BASEFORM", "").lower()
    parts = {baseform}
    structure = analysis.get("STRUCTURE", "")
    boundaries: list[int] = []
    position = 0
    for char in structure:
        if char == "=":
            if position > 0:
                boundaries.append(position)
        else:
            position += 1
    lower_surface = surface.lower()
    for boundary in boundaries:
        if boundary < len(baseform) and baseform[:boundary] == lower_surface[:boundary]:
            head = baseform[boundary:].lstrip("-")
            if head:
                parts.add(head)
    for base in _PARENTHESISED.findall(analysis.get("WORDBASES", "") or ""):
        if base and not base.startswith("+"):
            parts.add(base.replace("=", "").lower())
    if "-" in baseform:
        parts.update(piece for piece in baseform.split("-") if piece)
    return parts


class Lemmatiser:
    """Analyses single words; caches per (language, word form) because answers repeat words.

    Parameters
    ----------
    use_voikko
        Try libvoikko for Finnish. When it cannot be loaded, Finnish falls back to simplemma and a
        warning is logged once.
    """

    def __init__(self, use_voikko: bool = True) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], Analysis] = {}
        self._simplemma: Any = None
        self._voikko: Any = None
        self.voikko_problem: str | None = None
        if use_voikko:
            try:
                self._voikko = _load_voikko()
            except Exception as error:  # noqa: BLE001 - any failure means "voikko is missing"
                self.voikko_problem = f"{type(error).__name__}: {error}"
                LOGGER.warning(
                    "libvoikko is not available (%s); Finnish falls back to simplemma without "
                    "compound analysis or name classes. Install Debian's libvoikko1 and voikko-fi.",
                    self.voikko_problem,
                )
        else:
            self.voikko_problem = "disabled"

    @property
    def has_voikko(self) -> bool:
        """True when Finnish is analysed by voikko (compounds, name classes)."""
        return self._voikko is not None

    def analyse(self, word: str, language: str) -> Analysis:
        """Analysis of one word form in ``language`` ("fi", "sv" or "en")."""
        key = (language, word)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            if language == "fi" and self._voikko is not None:
                result = self._analyse_voikko(word)
            else:
                result = self._analyse_simplemma(word, language)
        self._cache[key] = result
        return result

    # -- engines -------------------------------------------------------------------------------

    def _simplemma_lemma(self, word: str, language: str) -> str:
        if self._simplemma is None:
            self._simplemma = _load_simplemma()
        lang = language if language in SUPPORTED_LANGUAGES else "fi"
        try:
            return str(self._simplemma.lemmatize(word, lang)).lower()
        except ValueError:
            return word.lower()

    def _analyse_simplemma(self, word: str, language: str) -> Analysis:
        lower = word.lower()
        stem = lower.split(":", 1)[0] if ":" in lower else lower
        lemma = self._simplemma_lemma(stem, language) if stem else lower
        lemmas = (lemma,) if lemma == stem else (lemma, stem)
        if language == "en" and lemma == stem and stem.endswith("s") and len(stem) > 3:
            # Plurals simplemma does not know ("ngos", "webinars" of new words): try the singular.
            lemmas = (*lemmas, stem[:-1])
        return Analysis(lemmas=lemmas, known=lemma != stem)

    def _analyse_voikko(self, word: str) -> Analysis:
        if ":" in word:
            # "EU:n", "TEM:n": the abbreviation itself is the base form.
            stem = word.split(":", 1)[0]
            inner = self._analyse_voikko(stem)
            return Analysis((stem.lower(), *inner.lemmas[1:]), inner.parts | {stem.lower()},
                            inner.decomposed, frozenset(), inner.known)
        analyses = self._voikko.analyze(word)
        if not analyses and "-" in word:
            return self._analyse_hyphenated(word)
        if not analyses:
            # Unknown to voikko (typos, new coinages, foreign names). Loading simplemma's Finnish
            # dictionary for these alone would cost seconds; prefix rules ("maahanmuut*") and
            # substring part matching cover them instead.
            return Analysis((word.lower(),))
        lemmas: list[str] = []
        parts: set[str] = set()
        classes: set[str] = set()
        lower = word.lower()
        for item in analyses:
            base = item.get("BASEFORM", lower).lower()
            if base not in lemmas:
                lemmas.append(base)
            classes.add(item.get("CLASS", ""))
            parts |= _compound_parts(word, item)
            if item.get("MOOD") == "MINEN-infinitive":
                # voikko gives the verb ("osata") for "osaamista"; rules speak of "osaaminen".
                nominal = _MINEN_FORM.match(lower)
                if nominal:
                    noun = nominal.group(1) + "nen"
                    if noun in lemmas:
                        lemmas.remove(noun)
                    lemmas.insert(0, noun)  # the noun reads better as a key term
                    parts.add(noun)
        parts.update(lemmas)
        classes.discard("")
        return Analysis(tuple(lemmas), frozenset(parts), True, frozenset(classes), True)

    def _analyse_hyphenated(self, word: str) -> Analysis:
        """"TE-palvelut" -> "te-palvelu": keep the word whole, inflect only its last member."""
        prefix, _, last = word.rpartition("-")
        if not last:
            lower = word.lower()
            return Analysis((lower,))
        head = self._analyse_voikko(last)
        lemma = f"{prefix.lower()}-{head.lemma}"
        parts = set(head.parts) | {lemma, head.lemma}
        parts.update(piece for piece in prefix.lower().split("-") if piece)
        return Analysis((lemma,), frozenset(parts), True, head.classes, head.known)
