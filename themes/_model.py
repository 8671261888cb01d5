"""Immutable theme codebook and the keyword matchers it is made of.

Why matchers live with the data: the codebook is the analyst's coding frame; keeping the matching
semantics next to it (lemma, compound part, phrase, word form, all-of) makes the YAML the single
place where a coding decision is written down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from themes._lemmatise import Analysis

#: Parts shorter than this are not matched as substrings (too many accidental hits).
MIN_SUBSTRING_PART = 4


@dataclass(frozen=True, slots=True)
class Token:
    """A word of an answer with its analysis; what rules match against."""

    surface: str  # lower-case word form
    analysis: Analysis
    start: int = 0
    end: int = 0


_ELEMENT_CACHE: dict[tuple[str, str, tuple[str, ...], bool], bool] = {}
_ELEMENT_CACHE_LIMIT = 200_000


def _element_matches(element: str, token: Token) -> bool:
    """One word of a phrase (memoised: phrase starts are tried at every word of every answer)."""
    key = (element, token.surface, token.analysis.lemmas, token.analysis.decomposed)
    cached = _ELEMENT_CACHE.get(key)
    if cached is None:
        cached = _element_matches_uncached(element, token)
        if len(_ELEMENT_CACHE) < _ELEMENT_CACHE_LIMIT:
            _ELEMENT_CACHE[key] = cached
    return cached


def _element_matches_uncached(element: str, token: Token) -> bool:
    """Base form, word form, compound head, or a prefix with ``*``."""
    analysis = token.analysis
    if element.endswith("*"):
        stem = element[:-1]
        return token.surface.startswith(stem) or any(lem.startswith(stem) for lem in analysis.lemmas)
    if element in analysis.lemmas or element == token.surface:
        return True
    if analysis.decomposed:
        return element in analysis.parts
    return len(element) >= 4 and any(lem.endswith(element) for lem in analysis.lemmas)


@dataclass(frozen=True)
class Matcher:
    """Keywords of one kind-mix; matches an answer when any of them occurs in it.

    Attributes
    ----------
    lemmas
        Base forms matched exactly.
    prefixes
        Base-form prefixes (written ``"stem*"`` in the YAML).
    parts
        Compound parts (voikko) or substrings of base forms (elsewhere).
    forms
        Exact lower-case word forms.
    phrases
        Sequences of base forms, in order, with a bounded gap.
    """

    lemmas: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    forms: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    _cache: dict[tuple[str, tuple[str, ...]], bool] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )
    _starts: dict[tuple[str, str, tuple[str, ...], bool], tuple[tuple[str, ...], ...]] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    @property
    def is_empty(self) -> bool:
        return not (self.lemmas or self.prefixes or self.parts or self.forms or self.phrases)

    def keywords(self) -> list[str]:
        """Every keyword, phrases joined by spaces (for documentation and coverage reports)."""
        words = sorted(self.lemmas) + [f"{p}*" for p in self.prefixes] + list(self.parts)
        return words + sorted(self.forms) + [" ".join(p) for p in self.phrases]

    def _word_hit(self, token: Token) -> bool:
        key = (token.surface, token.analysis.lemmas)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        analysis = token.analysis
        hit = (
            token.surface in self.forms
            or token.surface in self.lemmas
            or not self.lemmas.isdisjoint(analysis.lemmas)
            or any(
                token.surface.startswith(p) or any(lem.startswith(p) for lem in analysis.lemmas)
                for p in self.prefixes
            )
        )
        if not hit and self.parts:
            if analysis.decomposed:
                hit = not analysis.parts.isdisjoint(self.parts)
            else:
                candidates = (*analysis.lemmas, token.surface)
                # Short parts ("nå", "råd") would hide inside unrelated words: exact only.
                hit = any(
                    part in candidate if len(part) >= MIN_SUBSTRING_PART else part == candidate
                    for part in self.parts
                    for candidate in candidates
                )
        if len(self._cache) < 50_000:
            self._cache[key] = hit
        return hit

    def _phrase_starts(self, token: Token) -> tuple[tuple[str, ...], ...]:
        """Phrases whose first word matches ``token`` (memoised per word form)."""
        key = ("\x00starts", token.surface, token.analysis.lemmas, token.analysis.decomposed)
        cached = self._starts.get(key)
        if cached is None:
            cached = tuple(p for p in self.phrases if _element_matches_uncached(p[0], token))
            if len(self._starts) < 50_000:
                self._starts[key] = cached
        return cached

    def hit_positions(self, tokens: Sequence[Token], max_gap: int) -> set[int]:
        """Positions of the tokens this matcher covers (single words and whole phrases)."""
        positions = {i for i, token in enumerate(tokens) if self._word_hit(token)}
        if self.phrases:
            for start, token in enumerate(tokens):
                for phrase in self._phrase_starts(token):
                    span = _match_rest(phrase, tokens, start, max_gap)
                    if span is not None:
                        positions.update(span)
        return positions

    def matches(self, tokens: Sequence[Token], max_gap: int) -> bool:
        """True when any keyword of this matcher occurs among ``tokens``."""
        if any(self._word_hit(token) for token in tokens):
            return True
        if not self.phrases:
            return False
        return any(
            _match_rest(phrase, tokens, start, max_gap) is not None
            for start, token in enumerate(tokens)
            for phrase in self._phrase_starts(token)
        )


def _match_rest(
    phrase: tuple[str, ...], tokens: Sequence[Token], start: int, max_gap: int
) -> list[int] | None:
    """Positions of a phrase whose first word is at ``start``, or None (greedy, in order)."""
    positions = [start]
    position = start
    for element in phrase[1:]:
        found = None
        for candidate in range(position + 1, min(len(tokens), position + max_gap + 2)):
            if _element_matches(element, tokens[candidate]):
                found = candidate
                break
        if found is None:
            return None
        positions.append(found)
        position = found
    return positions


@dataclass(frozen=True)
class Rule:
    """All of ``matchers`` must match somewhere in the answer (one matcher: a plain keyword rule)."""

    matchers: tuple[Matcher, ...]

    def matches(self, tokens: Sequence[Token], max_gap: int) -> bool:
        return all(m.matches(tokens, max_gap) for m in self.matchers)


@dataclass(frozen=True)
class Theme:
    """One code of the coding frame, with its rules per language."""

    id: str
    label: dict[str, str]
    description: dict[str, str]
    rules: dict[str, tuple[Rule, ...]]
    ignore: dict[str, Matcher] = field(default_factory=dict)
    exclude: dict[str, tuple[Rule, ...]] = field(default_factory=dict)

    def applies(self, tokens: Sequence[Token], language: str, max_gap: int) -> bool:
        """True when a rule for ``language`` matches and no exclusion does."""
        ignore = self.ignore.get(language)
        if ignore is not None:
            dropped = ignore.hit_positions(tokens, max_gap)
            if dropped:
                tokens = [t for i, t in enumerate(tokens) if i not in dropped]
        if not any(rule.matches(tokens, max_gap) for rule in self.rules.get(language, ())):
            return False
        return not any(rule.matches(tokens, max_gap) for rule in self.exclude.get(language, ()))


@dataclass(frozen=True)
class QuestionThemes:
    """The themes of one open question, in codebook order."""

    question_id: str
    themes: tuple[Theme, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(f"{self.question_id}: no theme {theme_id!r}")


@dataclass(frozen=True)
class ThemeCodebook:
    """The analyst-owned coding frame of the open questions (``assets/themes.yaml``)."""

    version: str
    languages: tuple[str, ...]
    questions: dict[str, QuestionThemes]
    non_answers: dict[str, frozenset[str]]
    non_answer_fillers: dict[str, tuple[str, ...]]
    stopwords_extra: dict[str, frozenset[str]]
    phrase_max_gap: int = 2
    stopwords_keep: dict[str, frozenset[str]] = field(default_factory=dict)

    def question(self, question_id: str) -> QuestionThemes:
        try:
            return self.questions[question_id]
        except KeyError:
            known = ", ".join(sorted(self.questions))
            raise KeyError(f"no themes for question {question_id!r} (known: {known})") from None

    def labels(self, question_id: str, language: str) -> dict[str, str]:
        """Theme id -> label in ``language``, in codebook order."""
        return {t.id: t.label[language] for t in self.question(question_id).themes}
