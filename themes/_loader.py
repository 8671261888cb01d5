"""Load and validate the theme codebook (``assets/themes.yaml``).

Validation collects every problem and names the question, theme and language it concerns, so
an analyst who edits the coding frame fixes it in one round.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from themes._model import Matcher, QuestionThemes, Rule, Theme, ThemeCodebook
from themes._text import fold_for_matching

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_THEMES = ASSETS / "themes.yaml"
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_MATCHER_KEYS = frozenset({"lemmas", "parts", "phrases", "forms"})
_THEME_KEYS = frozenset({"id", "label", "description", "rules", "ignore", "exclude"})
_TOP_KEYS = frozenset({
    "version", "phrase_max_gap", "languages", "non_answers", "non_answer_fillers",
    "stopwords_extra", "stopwords_keep", "sets", "questions",
})


class ThemeCodebookError(ValueError):
    """The theme codebook is invalid; the message lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        listed = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s):\n{listed}")


class _Parser:
    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.problems: list[str] = []
        self.languages: tuple[str, ...] = LANGUAGES
        self.sets: dict[str, dict[str, Matcher]] = {}

    # -- small pieces ---------------------------------------------------------------------------

    def words(self, raw: Any, where: str) -> list[str]:
        if not isinstance(raw, list) or not raw:
            self.problems.append(f"{where}: must be a non-empty list, got {raw!r}")
            return []
        words: list[str] = []
        for item in raw:
            text = " ".join(str(item).split()).lower() if item is not None else ""
            if not text or text == "*":
                self.problems.append(f"{where}: empty keyword")
                continue
            words.append(text)
        return words

    def matcher(self, raw: Any, where: str, language: str) -> Matcher:
        if isinstance(raw, str) and raw.startswith("@"):
            return self.set_ref(raw, where, language)
        if not isinstance(raw, Mapping) or not raw:
            self.problems.append(f"{where}: a matcher must be a mapping of {sorted(_MATCHER_KEYS)}")
            return Matcher()
        unknown = set(raw) - _MATCHER_KEYS
        if unknown:
            self.problems.append(f"{where}: unknown key(s) {sorted(unknown)} "
                                 f"(allowed: {sorted(_MATCHER_KEYS)})")
        lemmas: set[str] = set()
        prefixes: list[str] = []
        parts: list[str] = []
        forms: set[str] = set()
        phrases: list[tuple[str, ...]] = []
        for key in ("lemmas", "parts", "forms"):
            if key not in raw:
                continue
            for word in self.words(raw[key], f"{where} {key}"):
                if " " in word and key != "forms":
                    phrases.append(tuple(word.split()))
                elif word.endswith("*") and key != "forms":
                    prefixes.append(word[:-1])
                elif key == "lemmas":
                    lemmas.add(word)
                elif key == "parts":
                    parts.append(word)
                else:
                    forms.add(word)
        if "phrases" in raw:
            for phrase in self.words(raw["phrases"], f"{where} phrases"):
                elements = tuple(phrase.split())
                if len(elements) < 2:
                    self.problems.append(f"{where} phrases: {phrase!r} has one word; "
                                         "put single words under lemmas or parts")
                    continue
                phrases.append(elements)
        return Matcher(frozenset(lemmas), tuple(prefixes), tuple(dict.fromkeys(parts)),
                       frozenset(forms), tuple(dict.fromkeys(phrases)))

    def set_ref(self, ref: str, where: str, language: str) -> Matcher:
        name = ref[1:]
        found = self.sets.get(language, {}).get(name)
        if found is None:
            self.problems.append(f"{where}: unknown set {ref!r} for language {language!r}")
            return Matcher()
        return found

    def rule(self, raw: Any, where: str, language: str) -> Rule | None:
        if isinstance(raw, Mapping) and "all" in raw:
            if set(raw) != {"all"}:
                self.problems.append(f"{where}: 'all' cannot be mixed with other keys")
            parts = raw["all"]
            if not isinstance(parts, list) or len(parts) < 2:
                self.problems.append(f"{where}: 'all' needs a list of two or more matchers")
                return None
            matchers = tuple(
                self.matcher(p, f"{where} all#{i + 1}", language) for i, p in enumerate(parts)
            )
            return Rule(matchers)
        matcher = self.matcher(raw, where, language)
        return Rule((matcher,)) if not matcher.is_empty else None

    def rule_list(self, raw: Any, where: str, language: str) -> tuple[Rule, ...]:
        if not isinstance(raw, list) or not raw:
            self.problems.append(f"{where}: must be a non-empty list of rules")
            return ()
        rules = [self.rule(item, f"{where} rule#{i + 1}", language) for i, item in enumerate(raw)]
        return tuple(r for r in rules if r is not None)

    def per_language(self, raw: Any, where: str, required: bool) -> dict[str, Any]:
        if raw is None and not required:
            return {}
        if not isinstance(raw, Mapping):
            self.problems.append(f"{where}: must be a mapping of languages {list(self.languages)}")
            return {}
        unknown = set(raw) - set(self.languages)
        if unknown:
            self.problems.append(f"{where}: unknown language(s) {sorted(unknown)}")
        if required:
            for lang in self.languages:
                if lang not in raw:
                    self.problems.append(f"{where}: missing {lang}")
        return {lang: raw[lang] for lang in self.languages if lang in raw}

    def labels(self, raw: Any, where: str) -> dict[str, str]:
        values = self.per_language(raw, where, required=True)
        labels: dict[str, str] = {}
        for lang in self.languages:
            text = str(values.get(lang) or "").strip()
            if lang in values and not text:
                self.problems.append(f"{where}: empty {lang} text")
            labels[lang] = text
        return labels

    # -- whole file -----------------------------------------------------------------------------

    def theme(self, raw: Any, where: str) -> Theme | None:
        if not isinstance(raw, Mapping):
            self.problems.append(f"{where}: a theme must be a mapping")
            return None
        theme_id = str(raw.get("id") or "")
        if not _ID.match(theme_id):
            self.problems.append(f"{where}: theme id {theme_id!r} must be snake_case")
        where = f"{where} theme {theme_id!r}"
        unknown = set(raw) - _THEME_KEYS
        if unknown:
            self.problems.append(f"{where}: unknown key(s) {sorted(unknown)}")
        label = self.labels(raw.get("label"), f"{where} label")
        description = self.labels(raw.get("description"), f"{where} description")
        rules = {
            lang: self.rule_list(spec, f"{where} rules[{lang}]", lang)
            for lang, spec in self.per_language(raw.get("rules"), f"{where} rules", True).items()
        }
        ignore = {
            lang: self.matcher(spec, f"{where} ignore[{lang}]", lang)
            for lang, spec in self.per_language(raw.get("ignore"), f"{where} ignore", False).items()
        }
        exclude = {
            lang: self.rule_list(spec, f"{where} exclude[{lang}]", lang)
            for lang, spec in self.per_language(raw.get("exclude"), f"{where} exclude", False).items()
        }
        return Theme(theme_id, label, description, rules, ignore, exclude)

    def parse(self) -> ThemeCodebook:
        raw = self.raw
        unknown = set(raw) - _TOP_KEYS
        if unknown:
            self.problems.append(f"top level: unknown key(s) {sorted(unknown)}")
        version = str(raw.get("version") or "")
        if not version:
            self.problems.append("top level: missing version")
        languages = raw.get("languages", list(LANGUAGES))
        if not isinstance(languages, list) or not set(languages) <= set(LANGUAGES) or not languages:
            self.problems.append(f"top level: languages must be a subset of {list(LANGUAGES)}")
        else:
            self.languages = tuple(str(lang) for lang in languages)
        gap = raw.get("phrase_max_gap", 2)
        if not isinstance(gap, int) or isinstance(gap, bool) or not 0 <= gap <= 5:
            self.problems.append(f"top level: phrase_max_gap must be an integer 0..5, got {gap!r}")
            gap = 2
        non_answers = {
            lang: frozenset(fold_for_matching(w) for w in self.words(items, f"non_answers[{lang}]"))
            for lang, items in self.per_language(raw.get("non_answers"), "non_answers", True).items()
        }
        fillers = {
            lang: tuple(fold_for_matching(w) for w in self.words(items, f"non_answer_fillers[{lang}]"))
            for lang, items in self.per_language(
                raw.get("non_answer_fillers"), "non_answer_fillers", False).items()
        }
        stopwords = {
            lang: frozenset(self.words(items, f"stopwords_extra[{lang}]"))
            for lang, items in self.per_language(
                raw.get("stopwords_extra"), "stopwords_extra", False).items()
        }
        keep: dict[str, frozenset[str]] = {}
        for lang, items in self.per_language(raw.get("stopwords_keep"), "stopwords_keep",
                                             False).items():
            keep[lang] = frozenset(self.words(items, f"stopwords_keep[{lang}]")) if items else frozenset()
        for lang, named in self.per_language(raw.get("sets"), "sets", False).items():
            if not isinstance(named, Mapping):
                self.problems.append(f"sets[{lang}]: must be a mapping of set names")
                continue
            self.sets[lang] = {}
            for name, spec in named.items():
                self.sets[lang][str(name)] = self.matcher(spec, f"sets[{lang}] {name!r}", lang)
        questions: dict[str, QuestionThemes] = {}
        raw_questions = raw.get("questions")
        if not isinstance(raw_questions, Mapping) or not raw_questions:
            self.problems.append("top level: questions must be a non-empty mapping")
            raw_questions = {}
        for question_id, spec in raw_questions.items():
            where = f"question {question_id!r}"
            items = spec.get("themes") if isinstance(spec, Mapping) else None
            if not isinstance(items, list) or not items:
                self.problems.append(f"{where}: themes must be a non-empty list")
                continue
            themes = [self.theme(item, f"{where} theme#{i + 1}") for i, item in enumerate(items)]
            kept = tuple(t for t in themes if t is not None)
            seen: set[str] = set()
            for theme in kept:
                if theme.id in seen:
                    self.problems.append(f"{where}: duplicate theme id {theme.id!r}")
                seen.add(theme.id)
            questions[str(question_id)] = QuestionThemes(str(question_id), kept)
        return ThemeCodebook(version, self.languages, questions, non_answers, fillers, stopwords,
                             gap, keep)


def parse_theme_codebook(raw: Any, source: str = "themes") -> ThemeCodebook:
    """Validate a parsed YAML mapping; raises :class:`ThemeCodebookError` listing every problem."""
    if not isinstance(raw, Mapping):
        raise ThemeCodebookError(source, ["the file must hold a mapping at the top level"])
    parser = _Parser(raw)
    codebook = parser.parse()
    if parser.problems:
        raise ThemeCodebookError(source, parser.problems)
    return codebook


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> ThemeCodebook:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return parse_theme_codebook(raw, path)


def load_theme_codebook(path: Path | str | None = None) -> ThemeCodebook:
    """The validated theme codebook (default ``assets/themes.yaml``), cached until the file changes.

    Parameters
    ----------
    path
        Another codebook file, e.g. a draft an analyst is testing.

    Raises
    ------
    ThemeCodebookError
        When the file is invalid; the message names each theme and problem.
    """
    file = Path(path) if path is not None else DEFAULT_THEMES
    return _load_cached(str(file), file.stat().st_mtime_ns)
