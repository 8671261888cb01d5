"""Normalisation and tokenisation shared by language detection, redaction and coding.

Why offsets: redaction replaces spans of the original text, and key terms must skip the tokens
that redaction removed, so every token keeps where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: A word: letters/digits, hyphenated words kept whole ("TE-palvelut", "epätasa-arvo"),
#: apostrophes inside words ("don't") and Finnish colon endings of abbreviations ("EU:n").
_WORD = re.compile(r"\w+(?:[-‐‑'’]\w+)*(?::[^\W\d_]{1,4}\b)?")
#: Characters after which the next word starts a sentence (or a list item).
_SENTENCE_BREAK = re.compile(r"[.!?:;•\n\r\t*\"“”(\[]|(?:^|\s)[-–—](?=\s)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text with its position; ``sentence_start`` marks a sentence-initial word."""

    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_capitalised(self) -> bool:
        """First letter upper case and not an all-capitals acronym ("ELY", "TEM")."""
        first = self.text[0]
        if not first.isupper():
            return False
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) == 1 or not all(c.isupper() for c in letters)


def normalise_text(text: object) -> str:
    """Unicode NFC, unified spaces, trimmed; ``None``/NaN become an empty string.

    Why: survey exports mix composed and decomposed ä/ö and non-breaking spaces, which would
    split identical words into different keys.
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    value = unicodedata.normalize("NFC", str(text))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SPACES.sub(" ", value)
    value = "\n".join(line.strip() for line in value.split("\n"))
    return _BLANK_LINES.sub("\n\n", value).strip()


def split_words(text: str) -> list[Word]:
    """Words of ``text`` with offsets and a sentence-initial flag."""
    words: list[Word] = []
    previous_end = 0
    for match in _WORD.finditer(text):
        between = text[previous_end : match.start()]
        sentence_start = not words or bool(_SENTENCE_BREAK.search(between))
        words.append(Word(match.group(), match.start(), match.end(), sentence_start))
        previous_end = match.end()
    return words


def fold_for_matching(text: str) -> str:
    """Lower-case letters and digits only, single-spaced: the key of the non-answer list."""
    value = normalise_text(text).lower()
    value = value.replace("’", "'")
    value = re.sub(r"[^\w' ]+", " ", value)
    value = value.replace("_", " ")
    return " ".join(value.split())
