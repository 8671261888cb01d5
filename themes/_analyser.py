"""One answer through the whole text pipeline: non-answer, language, tokens, redaction, themes.

Why one object: the lemmatiser, the language model and the codebook are costly to build and are
shared by every answer; the pipeline, ``code_answer`` and the evaluation all reuse one analyser.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache

from themes._language import LanguageGuess, LanguageIdentifier
from themes._lemmatise import SUPPORTED_LANGUAGES, Lemmatiser
from themes._loader import load_theme_codebook
from themes._model import ThemeCodebook, Token
from themes._redact import Redaction, Redactor
from themes._text import Word, fold_for_matching, normalise_text, split_words

MIN_TERM_LENGTH = 3


@lru_cache(maxsize=4)
def _iso_stopwords(language: str) -> frozenset[str]:
    import stopwordsiso  # noqa: PLC0415 - only key terms need it

    return frozenset(w.lower() for w in stopwordsiso.stopwords(language))


@dataclass(frozen=True)
class AnswerAnalysis:
    """Everything the pipeline keeps about one answer (never the raw text).

    Attributes
    ----------
    language
        "fi", "sv" or "en".
    language_source
        "detected", or "questionnaire" when the answer was too short or unclear to detect.
    is_substantive
        False for non-answers ("eos", "-", "vet inte", empty).
    redacted_text
        The normalised answer with personal data replaced by placeholders.
    redaction_counts
        Kind of redacted item -> count.
    themes
        Theme ids in codebook order; empty for uncoded answers and non-answers.
    terms
        Content lemmas in text order (stopwords, short words and redacted words removed).
    bigrams
        Adjacent content lemma pairs within a sentence, joined by a space.
    """

    language: str
    language_source: str
    is_substantive: bool
    redacted_text: str
    redaction_counts: dict[str, int] = field(default_factory=dict)
    themes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    bigrams: tuple[str, ...] = ()


class TextAnalyser:
    """Analyses open answers against one theme codebook.

    Parameters
    ----------
    codebook
        The theme codebook; default ``assets/themes.yaml``.
    use_voikko
        False forces the simplemma fallback for Finnish (tests of the degraded path).
    """

    def __init__(self, codebook: ThemeCodebook | None = None, use_voikko: bool = True) -> None:
        self.codebook = codebook if codebook is not None else load_theme_codebook()
        self.lemmatiser = Lemmatiser(use_voikko=use_voikko)
        self.identifier = LanguageIdentifier()
        self.redactor = Redactor(self.lemmatiser)
        self._non_answers = frozenset().union(*self.codebook.non_answers.values())
        fillers = {f for items in self.codebook.non_answer_fillers.values() for f in items}
        self._fillers = tuple(sorted(fillers, key=len, reverse=True))

    @property
    def has_voikko(self) -> bool:
        return self.lemmatiser.has_voikko

    # -- steps ----------------------------------------------------------------------------------

    def is_non_answer(self, text: str) -> bool:
        """True for answers without content: empty, punctuation only, "eos", "vet inte", ..."""
        folded = fold_for_matching(text)
        if not any(c.isalnum() for c in folded):
            return True
        if folded in self._non_answers or len(folded.replace(" ", "")) == 1:
            return True
        if len(set(folded.replace(" ", ""))) == 1 and not folded.isdigit():
            return True  # "xxx", "aaaa"
        for phrase in self._non_answers:
            if folded.startswith(phrase + " ") and self._only_fillers(folded[len(phrase) + 1 :]):
                return True
        return False

    def _only_fillers(self, rest: str) -> bool:
        while rest:
            for filler in self._fillers:
                if rest == filler:
                    return True
                if rest.startswith(filler + " "):
                    rest = rest[len(filler) + 1 :]
                    break
            else:
                return False
        return True

    def detect_language(self, text: str, fallback: str | None = None) -> LanguageGuess:
        """Language of ``text`` among fi/sv/en, else ``fallback`` (the questionnaire language)."""
        return self.identifier.identify(text, fallback)

    def tokens(self, text: str, language: str, words: list[Word] | None = None) -> list[Token]:
        """Analysed tokens of ``text`` (offsets kept, so redacted words can be told apart)."""
        words = split_words(text) if words is None else words
        return [Token(w.lower, self.lemmatiser.analyse(w.text, language), w.start, w.end)
                for w in words]

    def code_tokens(self, tokens: list[Token], question_id: str, language: str) -> tuple[str, ...]:
        """Theme ids (codebook order) whose rules match ``tokens``."""
        question = self.codebook.question(question_id)
        gap = self.codebook.phrase_max_gap
        return tuple(t.id for t in question.themes if t.applies(tokens, language, gap))

    def code(self, text: str, question_id: str, language: str | None = None) -> set[str]:
        """Themes of one answer; see :func:`themes.code_answer`."""
        self.codebook.question(question_id)  # unknown questions fail loudly, even for non-answers
        clean = normalise_text(text)
        if self.is_non_answer(clean):
            return set()
        if language not in SUPPORTED_LANGUAGES:
            language = self.detect_language(clean, None).language
        return set(self.code_tokens(self.tokens(clean, language), question_id, language))

    def redact(self, text: str, language: str) -> Redaction:
        """Personal data of ``text`` replaced by placeholders in ``language``."""
        return self.redactor.redact(normalise_text(text), language)

    def analyse(self, text: object, question_id: str, survey_language: str | None) -> AnswerAnalysis:
        """Run every step on one answer."""
        clean = normalise_text(text)
        if self.is_non_answer(clean):
            fallback = survey_language if survey_language in SUPPORTED_LANGUAGES else "fi"
            redaction = self.redactor.redact(clean, fallback)
            return AnswerAnalysis(fallback, "questionnaire", False, redaction.text,
                                  dict(redaction.counts))
        guess = self.detect_language(clean, survey_language)
        language = guess.language
        words = split_words(clean)
        tokens = self.tokens(clean, language, words)
        redaction = self.redactor.redact(clean, language, words)
        themes = self.code_tokens(tokens, question_id, language)
        terms, bigrams = self._terms(tokens, words, redaction, language)
        return AnswerAnalysis(language, guess.source, True, redaction.text,
                              dict(redaction.counts), themes, terms, bigrams)

    # -- key terms ------------------------------------------------------------------------------

    def stopwords(self, language: str) -> frozenset[str]:
        """stopwordsiso's list plus the codebook's extra stopwords, minus its keep list."""
        keep = self.codebook.stopwords_keep.get(language, frozenset())
        extra = self.codebook.stopwords_extra.get(language, frozenset())
        return (_iso_stopwords(language) - keep) | extra

    def _terms(self, tokens: list[Token], words: list[Word], redaction: Redaction,
               language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        stop = self.stopwords(language)
        keep_always = self.codebook.stopwords_keep.get(language, frozenset())
        spans = redaction.spans
        keep: list[str | None] = []
        for token in tokens:
            lemma = token.analysis.lemma
            redacted = any(s.start < token.end and token.start < s.end for s in spans)
            content = (
                not redacted
                and len(lemma) >= MIN_TERM_LENGTH
                and any(c.isalpha() for c in lemma)
                and lemma not in stop
                and (token.surface not in stop or lemma in keep_always)
            )
            keep.append(lemma if content else None)
        terms = tuple(t for t in keep if t is not None)
        bigrams = []
        for i in range(len(keep) - 1):
            first, second = keep[i], keep[i + 1]
            if first and second and first != second and not words[i + 1].sentence_start:
                bigrams.append(f"{first} {second}")
        return terms, tuple(bigrams)


_DEFAULT: TextAnalyser | None = None
_DEFAULT_LOCK = threading.Lock()


def default_analyser() -> TextAnalyser:
    """The shared analyser over ``assets/themes.yaml``, rebuilt when the file has changed."""
    global _DEFAULT
    codebook = load_theme_codebook()
    if _DEFAULT is None or _DEFAULT.codebook is not codebook:
        with _DEFAULT_LOCK:
            if _DEFAULT is None or _DEFAULT.codebook is not codebook:
                _DEFAULT = TextAnalyser(codebook)
    return _DEFAULT
