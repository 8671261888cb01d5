"""Compose demo open answers from the phrase bank: intended themes in, natural-looking text out.

Why a composer rather than a list of answers: no two respondents should need the same words,
answers must mix themes, registers and languages, and they must carry the noise real answers
carry (typos, lowercase, non-answers, the odd name or phone number) so that the text pipeline
and the redaction are tested against something close to reality.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from data_access.demo._open_texts import (
    CLOSERS,
    COLLOQUIAL_FI,
    CONNECTORS,
    ELABORATIONS,
    EMAIL_DOMAINS,
    LIST_AND,
    LIST_LEADS,
    NON_ANSWERS,
    OPENERS,
    PERSONAL_DATA_TEMPLATES,
    PERSONS,
    SHORT_PHRASES,
    THEME_TEMPLATES,
)

PERSONAL_DATA_KINDS: tuple[str, ...] = ("name", "email", "phone")
#: Questions whose answers are sometimes written as a list of short phrases.
LIST_QUESTIONS: frozenset[str] = frozenset({"open_benefits", "open_development"})


@dataclass(frozen=True)
class OpenAnswerPlan:
    """What the generator meant an open answer to say; a plan, not a coding of the final text."""

    themes: tuple[str, ...]
    non_answer: bool = False
    personal_data: str | None = None


@dataclass(frozen=True)
class TextStyle:
    """Rates of the surface noise added to a composed answer."""

    typo_rate: float = 0.07
    lowercase_rate: float = 0.12
    colloquial_rate: float = 0.15


def expand_template(template: str, rng: random.Random) -> str:
    """Expand ``{a|b|c}`` alternatives (nested, possibly empty) with ``rng``."""
    parts: list[str] = []
    i = 0
    while i < len(template):
        if template[i] == "{":
            chosen, i = _pick_alternative(template, i + 1, rng)
            parts.append(expand_template(chosen, rng))
        else:
            j = template.find("{", i)
            j = len(template) if j < 0 else j
            if "}" in template[i:j] or "|" in template[i:j]:
                raise ValueError(f"unbalanced template: {template!r}")
            parts.append(template[i:j])
            i = j
    return "".join(parts)


def _pick_alternative(template: str, start: int, rng: random.Random) -> tuple[str, int]:
    alternatives: list[str] = []
    depth = 0
    begin = start
    for i in range(start, len(template)):
        char = template[i]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                alternatives.append(template[begin:i])
                return rng.choice(alternatives), i + 1
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(template[begin:i])
            begin = i + 1
    raise ValueError(f"unbalanced template: {template!r}")


def templates_for(theme: str, language: str, question_id: str, wave: int) -> tuple[str, ...]:
    """The theme's templates fitting the question's wording (prefixes stripped).

    ``E:`` templates speak of expected benefits (2020 wording of ``open_benefits``) and ``P:``
    templates of experienced ones; unprefixed templates fit every wave.
    """
    pool = THEME_TEMPLATES[theme][language]
    expected = question_id == "open_benefits" and wave == 2020
    wanted = "E:" if expected else "P:"
    chosen = tuple(t[2:] if t[:2] in ("E:", "P:") else t
                   for t in pool if t[:2] not in ("E:", "P:") or t[:2] == wanted)
    return chosen or tuple(t[2:] if t[:2] in ("E:", "P:") else t for t in pool)


def _lower_first(sentence: str) -> str:
    if len(sentence) > 1 and sentence[0].isupper() and sentence[1].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.!?]|:(?!\)))", r"\1", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = text.replace(",.", ".").replace("!.", "!")
    return text


def _list_answer(themes: Sequence[str], language: str, rng: random.Random) -> str:
    phrases = [rng.choice(SHORT_PHRASES[t][language]) for t in themes]
    body = ", ".join(phrases[:-1]) + LIST_AND[language] + phrases[-1]
    lead = rng.choice(LIST_LEADS[language])
    text = lead + body
    return text[0].upper() + text[1:] + rng.choice((".", "", "."))


def compose_answer(question_id: str, wave: int, language: str, themes: Sequence[str],
                   rng: random.Random, style: TextStyle) -> str:
    """A substantive answer talking about ``themes`` (in that order) in ``language``."""
    if (len(themes) >= 2 and question_id in LIST_QUESTIONS and rng.random() < 0.15
            and all(language in SHORT_PHRASES.get(t, {}) for t in themes)):
        text = _list_answer(themes, language, rng)
    else:
        sentences: list[str] = []
        if rng.random() < 0.18:
            sentences.append(expand_template(rng.choice(OPENERS[language]), rng))
        for position, theme in enumerate(themes):
            sentence = expand_template(
                rng.choice(templates_for(theme, language, question_id, wave)), rng)
            if position > 0 and rng.random() < 0.35:
                sentence = rng.choice(CONNECTORS[language]) + " " + _lower_first(sentence)
            sentences.append(sentence)
            if rng.random() < 0.15:
                sentences.append(expand_template(rng.choice(ELABORATIONS[language]), rng))
        if rng.random() < 0.12:
            sentences.append(rng.choice(CLOSERS[language]))
        text = " ".join(sentences)
    text = _tidy(text)
    return _add_style(text, language, rng, style)


def _add_style(text: str, language: str, rng: random.Random, style: TextStyle) -> str:
    if language == "fi" and rng.random() < style.colloquial_rate:
        for formal, spoken in COLLOQUIAL_FI:
            if formal in text and rng.random() < 0.7:
                text = text.replace(formal, spoken)
    if rng.random() < style.lowercase_rate:
        text = text.lower()
        if text.endswith(".") and rng.random() < 0.6:
            text = text[:-1]
    if rng.random() < style.typo_rate:
        text = add_typo(text, rng)
    return text


def add_typo(text: str, rng: random.Random) -> str:
    """One keyboard slip in a word of five or more letters (swap, drop, double, lost umlaut)."""
    words = list(re.finditer(r"[^\W\d_]{5,}", text))
    if not words:
        return text
    match = rng.choice(words)
    word = match.group()
    i = rng.randrange(1, len(word) - 2)
    operation = rng.randrange(4)
    if operation == 0:
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif operation == 1:
        typo = word[:i] + word[i + 1:]
    elif operation == 2:
        typo = word[:i] + word[i] + word[i:]
    else:
        plain = word.replace("ä", "a").replace("ö", "o").replace("å", "a")
        typo = plain if plain != word else word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return text[: match.start()] + typo + text[match.end():]


def non_answer(language: str, rng: random.Random) -> str:
    """A non-answer such as "eos", "-", "vet inte" or "no comment"."""
    return rng.choice(NON_ANSWERS[language])


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def _email(first: str, last: str, rng: random.Random) -> str:
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{last}"))
    return f"{_ascii(local)}@{rng.choice(EMAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    prefix = rng.choice(("040", "041", "044", "045", "046", "050"))
    digits = "".join(str(rng.randrange(10)) for _ in range(7))
    layout = rng.randrange(4)
    if layout == 0:
        return f"{prefix} {digits[:3]} {digits[3:]}"
    if layout == 1:
        return f"+358 {prefix[1:]} {digits[:3]} {digits[3:]}"
    if layout == 2:
        return f"{prefix}-{digits}"
    return f"{prefix}{digits}"


def personal_data_sentence(kind: str, language: str, rng: random.Random) -> str:
    """A sentence naming an invented person, e-mail address or phone number."""
    first, last, last_gen, last_all = rng.choice(PERSONS[language])
    template = expand_template(rng.choice(PERSONAL_DATA_TEMPLATES[kind][language]), rng)
    return _tidy(
        template.replace("<first>", first)
        .replace("<last_gen>", last_gen)
        .replace("<last_all>", last_all)
        .replace("<last>", last)
        .replace("<email>", _email(first, last, rng))
        .replace("<phone>", _phone(rng))
    )


def plant_personal_data(text: str, kind: str, language: str, rng: random.Random) -> str:
    """Add a personal-data sentence before or after an answer."""
    sentence = personal_data_sentence(kind, language, rng)
    if rng.random() < 0.3:
        if not sentence.endswith((".", "!", "?")):
            sentence += "."
        return f"{sentence} {text}"
    if not text.endswith((".", "!", "?", ":)")):
        text += "."
    return f"{text} {sentence}"
