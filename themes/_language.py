"""Language of an answer, restricted to the questionnaire's languages (fi, sv, en).

Why restricted: open detectors call short Finnish answers Estonian or Hungarian. Why a fallback:
"ok", "eos" or a single name say nothing about the language, and the questionnaire language the
respondent chose is then the best guess.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from themes._lemmatise import SUPPORTED_LANGUAGES

LOGGER = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "fi"
#: Below these sizes an answer is "short" and needs a very confident detection.
SHORT_WORDS = 3
SHORT_LETTERS = 15
MIN_CONFIDENCE_SHORT = 0.9
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language chosen and whether it was detected or taken from the questionnaire."""

    language: str
    source: str  # "detected" | "questionnaire"
    confidence: float


def _build_detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder  # noqa: PLC0415 - heavy, loaded lazily

    return LanguageDetectorBuilder.from_languages(
        Language.FINNISH, Language.SWEDISH, Language.ENGLISH
    ).build()


class LanguageIdentifier:
    """lingua restricted to fi/sv/en, with the questionnaire language as the fallback."""

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()
        self.problem: str | None = None

    def _get(self) -> Any:
        if self._detector is None and self.problem is None:
            with self._lock:
                if self._detector is None and self.problem is None:
                    try:
                        self._detector = _build_detector()
                    except Exception as error:  # noqa: BLE001 - degrade to the fallback
                        self.problem = f"{type(error).__name__}: {error}"
                        LOGGER.warning(
                            "lingua language detection is not available (%s); every answer "
                            "takes its questionnaire language.", self.problem)
        return self._detector

    def identify(self, text: str, fallback: str | None = None) -> LanguageGuess:
        """Language of ``text``; ``fallback`` (the questionnaire language) when undecidable.

        Parameters
        ----------
        text
            A normalised answer.
        fallback
            The questionnaire language; an unknown or missing value means Finnish.
        """
        default = fallback if fallback in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE
        letters = sum(c.isalpha() for c in text)
        if letters == 0:
            return LanguageGuess(default, "questionnaire", 0.0)
        detector = self._get()
        if detector is None:
            return LanguageGuess(default, "questionnaire", 0.0)
        values = detector.compute_language_confidence_values(text)
        if not values:
            return LanguageGuess(default, "questionnaire", 0.0)
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        short = len(text.split()) < SHORT_WORDS or letters < SHORT_LETTERS
        needed = MIN_CONFIDENCE_SHORT if short else MIN_CONFIDENCE
        if code not in SUPPORTED_LANGUAGES or best.value < needed:
            return LanguageGuess(default, "questionnaire", float(best.value))
        return LanguageGuess(code, "detected", float(best.value))
