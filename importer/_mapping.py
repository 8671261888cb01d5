"""The mapping file: which export column holds which codebook question and option.

Why a file and not code: every wave's export has its own question texts, languages and quirks,
and the people who run the survey can edit YAML. The mapping is validated against the codebook
before any export row is read, and every problem is reported at once.
See docs/import.md for the format.
"""

from __future__ import annotations

from collections.abc import Mapping as AbstractMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from codebook import LANGUAGES, Codebook, Question, Reference
from importer._problems import ImportValidationError, Problem, has_errors
from importer._reader import GENERIC_SUBS, normalise

Kind = Literal["choice", "tick", "other", "open", "background"]
KINDS: tuple[str, ...] = ("choice", "tick", "other", "open", "background")

#: Codebook reference list -> the respondent field a background column fills.
BACKGROUND_FIELDS: dict[str, str] = {"organisation_types": "org_type", "ely_areas": "ely_area"}

_TOP_KEYS = frozenset({"wave", "language", "files", "collectors", "date_format", "ignore", "columns"})
_RULE_KEYS = frozenset({"header", "sub", "question", "option", "kind", "text", "values"})
#: Row-2 words of SurveyMonkey's "Other (please specify)" text box in the three languages.
_SPECIFY_WORDS = ("specify", "täsmennä", "tarkenna", "precisera")


@dataclass(frozen=True)
class ColumnRule:
    """One mapping entry: the export column(s) it matches and what their cells mean."""

    number: int
    headers: tuple[str, ...]
    subs: tuple[str, ...] | None
    question: str
    kind: Kind
    option: str | None = None
    text_question: str | None = None
    #: Language ("*" for any) -> label as written in the export -> option or reference code.
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The row-1 and row-2 texts as written in the mapping, for messages and drafts.
    header_text: str = ""

    @property
    def label(self) -> str:
        return f"columns entry #{self.number} (question {self.question})"


@dataclass(frozen=True)
class ImportMapping:
    """A validated mapping file."""

    source: str
    wave: int
    language: str | None
    files: tuple[tuple[str, str], ...]
    collectors: dict[str, str]
    date_format: str | None
    rules: tuple[ColumnRule, ...]
    ignore: tuple[tuple[str, str | None], ...]

    def keys_two_rows(self) -> dict[tuple[str, str], ColumnRule]:
        """(row 1, row 2), normalised -> rule; the lookup of the two-header-row layout."""
        keys: dict[tuple[str, str], ColumnRule] = {}
        for rule in self.rules:
            subs = rule.subs if rule.subs is not None else tuple(GENERIC_SUBS)
            for header in rule.headers:
                for sub in subs:
                    keys.setdefault((header, sub), rule)
        return keys

    def keys_one_row(self) -> dict[str, ColumnRule]:
        """``Question - Option`` (or the bare question), normalised -> rule; the older layout."""
        keys: dict[str, ColumnRule] = {}
        for rule in self.rules:
            for header in rule.headers:
                if rule.subs is None:
                    keys.setdefault(header, rule)
                    for sub in GENERIC_SUBS:
                        if sub:
                            keys.setdefault(f"{header} - {sub}", rule)
                else:
                    for sub in rule.subs:
                        keys.setdefault(f"{header} - {sub}" if sub else header, rule)
        return keys

    def is_ignored(self, block: str, sub: str | None) -> bool:
        nblock = normalise(block)
        nsub = None if sub is None else normalise(sub)
        for header, ignored_sub in self.ignore:
            if ignored_sub is None and (nblock == header or nblock.startswith(header + " - ")):
                return True
            if ignored_sub is not None and (
                (nblock, nsub) == (header, ignored_sub) or nblock == f"{header} - {ignored_sub}"
            ):
                return True
        return False


def load_mapping(
    path: Path, codebook: Codebook, reference: Reference, wave: int | None = None
) -> ImportMapping:
    """Read and validate a mapping file; raises :class:`ImportValidationError` with all problems."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportValidationError([Problem(path.name, f"cannot read the mapping: {exc}")]) from exc
    mapping, problems = parse_mapping(data, codebook, reference, wave=wave, source=path.name)
    if mapping is None or has_errors(problems):
        raise ImportValidationError(problems)
    return mapping


def parse_mapping(
    data: Any,
    codebook: Codebook,
    reference: Reference,
    *,
    wave: int | None = None,
    source: str = "mapping",
) -> tuple[ImportMapping | None, list[Problem]]:
    """Validate a parsed mapping document; returns the mapping (None if unusable) and problems."""
    problems: list[Problem] = []

    def problem(message: str, where: str | None = None) -> None:
        problems.append(Problem(source, message, column=where))

    if not isinstance(data, dict):
        problem("the mapping must be a YAML mapping with at least 'columns'")
        return None, problems
    for key in sorted(set(data) - _TOP_KEYS):
        problem(f"unknown key '{key}' (known: {', '.join(sorted(_TOP_KEYS))})")
    chosen_wave = _wave(data.get("wave"), wave, reference, problem)
    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        problem(f"language '{language}' is not one of {', '.join(LANGUAGES)}")
    files = _language_table(data.get("files"), "files", problem)
    collectors = {
        _collector_key(k): v for k, v in _language_table(data.get("collectors"), "collectors",
                                                         problem)
    }
    date_format = data.get("date_format")
    if date_format is not None and not isinstance(date_format, str):
        problem("date_format must be a strptime pattern such as '%m/%d/%Y %I:%M:%S %p'")
        date_format = None
    ignore = _ignore(data.get("ignore"), problem)
    raw_rules = data.get("columns")
    if not isinstance(raw_rules, list) or not raw_rules:
        problem("'columns' must be a non-empty list of column entries")
        raw_rules = []
    rules: list[ColumnRule] = []
    previous_headers: tuple[str, ...] | None = None
    previous_text = ""
    for number, raw in enumerate(raw_rules, start=1):
        rule = _rule(number, raw, previous_headers, previous_text, codebook, reference,
                     chosen_wave, problem)
        if rule is not None:
            rules.append(rule)
            previous_headers, previous_text = rule.headers, rule.header_text
    _check_overlaps(rules, problem)
    if chosen_wave is None:
        return None, problems
    mapping = ImportMapping(source, chosen_wave, language, files, collectors, date_format,
                            tuple(rules), ignore)
    return mapping, problems


def _wave(raw: Any, wave: int | None, reference: Reference, problem: Any) -> int | None:
    mapped: int | None = None
    if raw is not None:
        try:
            mapped = int(raw)
        except (TypeError, ValueError):
            problem(f"wave '{raw}' is not a year such as 2023")
    if mapped is not None and wave is not None and mapped != wave:
        problem(f"the mapping is for wave {mapped} but --wave {wave} was given")
        return None
    chosen = wave if wave is not None else mapped
    if chosen is None:
        problem("no wave: give --wave or 'wave:' in the mapping")
        return None
    if chosen not in reference.wave_codes:
        problem(f"wave {chosen} is not in the reference list of waves "
                f"({', '.join(str(w) for w in reference.wave_codes)})")
        return None
    return chosen


def _collector_key(raw: Any) -> str:
    text = str(raw).strip()
    return text[:-2] if text.endswith(".0") else text


def _language_table(raw: Any, name: str, problem: Any) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problem(f"'{name}' must map {'file name patterns' if name == 'files' else 'Collector IDs'}"
                " to a language (fi, sv or en)")
        return ()
    table: list[tuple[str, str]] = []
    for key, language in raw.items():
        if language not in LANGUAGES:
            problem(f"{name}: '{key}' maps to '{language}', not one of {', '.join(LANGUAGES)}")
            continue
        table.append((str(key), str(language)))
    return tuple(table)


def _ignore(raw: Any, problem: Any) -> tuple[tuple[str, str | None], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problem("'ignore' must be a list of headers or {header, sub} entries")
        return ()
    out: list[tuple[str, str | None]] = []
    for item in raw:
        if isinstance(item, str):
            out.append((normalise(item), None))
        elif isinstance(item, dict) and isinstance(item.get("header"), str):
            sub = item.get("sub")
            out.append((normalise(item["header"]), None if sub is None else normalise(str(sub))))
        else:
            problem(f"ignore: cannot read entry {item!r}")
    return tuple(out)


def _texts(raw: Any) -> tuple[str, ...] | None:
    """A text given once (every language) or per language, as normalised variants."""
    if isinstance(raw, str):
        return (normalise(raw),)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return (normalise(str(raw)),)
    if isinstance(raw, dict) and raw and all(isinstance(v, (str, int, float)) for v in raw.values()):
        return tuple(dict.fromkeys(normalise(str(v)) for v in raw.values()))
    return None


def _first_text(raw: Any) -> str:
    if isinstance(raw, dict):
        return str(next(iter(raw.values()), ""))
    return str(raw)


def _rule(
    number: int,
    raw: Any,
    previous_headers: tuple[str, ...] | None,
    previous_text: str,
    codebook: Codebook,
    reference: Reference,
    wave: int | None,
    problem: Any,
) -> ColumnRule | None:
    where = f"columns entry #{number}"
    if not isinstance(raw, dict):
        problem(f"{where}: must be a mapping with 'header' and 'question'")
        return None
    for key in sorted(set(raw) - _RULE_KEYS):
        problem(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_RULE_KEYS))})")
    if "header" in raw:
        headers = _texts(raw["header"])
        header_text = _first_text(raw["header"])
        if headers is None:
            problem(f"{where}: 'header' must be a text or a mapping of language to text")
            return None
    elif previous_headers is not None:
        headers, header_text = previous_headers, previous_text
    else:
        problem(f"{where}: the first entry needs a 'header'")
        return None
    subs: tuple[str, ...] | None = None
    if raw.get("sub") is not None:
        subs = _texts(raw["sub"])
        if subs is None:
            problem(f"{where}: 'sub' must be a text or a mapping of language to text")
            return None
    qid = raw.get("question")
    if not isinstance(qid, str) or not codebook.has_question(qid):
        problem(f"{where}: question '{qid}' is not in the codebook")
        return None
    question = codebook.question(qid)
    where = f"{where} (question {qid})"
    if wave is not None and wave not in question.waves:
        problem(f"{where}: the codebook says this question was not asked in {wave}")
    option = raw.get("option")
    option = None if option is None else str(option)
    if option is not None and question.type not in ("open", "background") and (
            option not in question.option_codes):
        problem(f"{where}: option '{option}' is not an option of {qid} "
                f"({', '.join(question.option_codes)})")
    kind = _kind(raw, question, option, subs, where, problem)
    if kind is None:
        return None
    text_question = raw.get("text")
    if text_question is not None:
        if kind != "other":
            problem(f"{where}: 'text' belongs to an 'Other (please specify)' column")
        elif not codebook.has_question(str(text_question)) or (
            codebook.question(str(text_question)).type != "open"
        ):
            problem(f"{where}: text question '{text_question}' is not an open question of the "
                    "codebook")
        elif wave is not None and wave not in codebook.question(str(text_question)).waves:
            problem(f"{where}: text question '{text_question}' was not asked in {wave}")
    values = _values(raw.get("values"), question, reference, where, problem)
    return ColumnRule(number, headers, subs, qid, kind, option,
                      None if text_question is None else str(text_question), values, header_text)


def _kind(
    raw: dict[str, Any],
    question: Question,
    option: str | None,
    subs: tuple[str, ...] | None,
    where: str,
    problem: Any,
) -> Kind | None:
    explicit = raw.get("kind")
    if explicit is not None and explicit not in KINDS:
        problem(f"{where}: kind '{explicit}' is not one of {', '.join(KINDS)}")
        return None
    if question.type == "background":
        if question.reference not in BACKGROUND_FIELDS:
            problem(f"{where}: background item '{question.id}' is not stored from an export "
                    f"column (only {', '.join(BACKGROUND_FIELDS.values())}; the survey language "
                    "comes from the file or the collector)")
            return None
        if option is not None:
            problem(f"{where}: a background column takes no 'option' (its cells are labels)")
        return "background"
    if question.type == "open":
        if option is not None:
            problem(f"{where}: an open question takes no 'option'")
        return "open"
    if option is None:
        if explicit in ("tick", "other") or question.type == "multi":
            problem(f"{where}: a check-all or 'Other (please specify)' column needs 'option'")
            return None
        return "choice"
    if explicit in ("tick", "other"):
        return explicit  # type: ignore[no-any-return]
    looks_other = "text" in raw or (
        subs is not None and any(word in s for s in subs for word in _SPECIFY_WORDS)
    )
    if question.type == "multi" and not looks_other:
        return "tick"
    return "other"


def _values(
    raw: Any, question: Question, reference: Reference, where: str, problem: Any
) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if question.type == "background" and question.reference:
        codes = set(reference.codes(question.reference))
    else:
        codes = set(question.option_codes)
    if not isinstance(raw, AbstractMapping):
        problem(f"{where}: 'values' must map labels to codes (optionally per language)")
        return {}
    per_language = bool(raw) and all(k in LANGUAGES for k in raw) and all(
        isinstance(v, AbstractMapping) for v in raw.values())
    tables = raw if per_language else {"*": raw}
    out: dict[str, dict[str, str]] = {}
    for language, table in tables.items():
        if not isinstance(table, AbstractMapping):
            problem(f"{where}: values of {language} must map labels to codes")
            continue
        for label, code in table.items():
            if str(code) not in codes:
                problem(f"{where}: values: '{label}' maps to '{code}', which is not a code of "
                        f"{question.id}")
                continue
            out.setdefault(str(language), {})[normalise(str(label))] = str(code)
    return out


def _check_overlaps(rules: list[ColumnRule], problem: Any) -> None:
    seen: dict[tuple[str, str | None], ColumnRule] = {}
    for rule in rules:
        for header in rule.headers:
            for sub in rule.subs if rule.subs is not None else (None,):
                other = seen.get((header, sub))
                if other is not None and other.number != rule.number:
                    problem(f"{rule.label} matches the same column as {other.label}")
                seen[(header, sub)] = rule
