"""Draft a mapping (and a codebook skeleton) from the headers and values of exports.

Why: writing a mapping for 90 columns by hand is slow and error-prone. The drafter reads the
question blocks from row 1, the column roles from row 2, guesses each block's type from its values
(single choice, multi-select, matrix, ranking, open text, numbers), and matches texts and labels
against the codebook. What it cannot decide is marked TODO for a person to finish; a drafted
mapping is a starting point, always validated again on import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from codebook import LANGUAGES, Codebook, Question, Reference
from importer._mapping import BACKGROUND_FIELDS
from importer._problems import ImportValidationError, has_errors
from importer._reader import GENERIC_SUBS, ExportColumn, ExportFile, normalise, open_export

_SPECIFY = ("specify", "täsmennä", "tarkenna", "precisera")
_OPEN_SUBS = frozenset({"open-ended response", "open ended response", "avoin vastaus",
                        "öppet svar"})
_LANGUAGE_TOKEN = re.compile(r"(?:^|[^a-z])(fi|sv|en)(?:[^a-z]|$)")
_MAX_DISTINCT = 200
TODO = "TODO"


@dataclass
class _Block:
    text: str
    columns: list[ExportColumn] = field(default_factory=list)
    subs: list[str] = field(default_factory=list)


@dataclass
class _Stats:
    values: Counter[str] = field(default_factory=Counter)
    filled: int = 0
    overflow: bool = False
    numeric: bool = True
    total_length: int = 0


@dataclass
class DraftResult:
    """A drafted mapping document, a codebook skeleton for new questions, and notes."""

    mapping: dict[str, Any]
    skeleton: dict[str, Any] | None
    notes: list[str]


def dump_yaml(document: dict[str, Any], comments: Sequence[str] = ()) -> str:
    """YAML text with ``comments`` as a ``#`` header (drafts carry their notes with them)."""
    head = "".join(f"# {line}\n" for line in comments)
    body: str = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    return head + body


def draft_mapping(
    paths: Sequence[Path],
    codebook: Codebook | None,
    reference: Reference,
    *,
    wave: int | None = None,
    scan_rows: int | None = 20000,
) -> DraftResult:
    """Draft a mapping for ``paths`` (the language files of one survey, or one file).

    Files are aligned column by column, so the fi, sv and en exports of one questionnaire give
    each header in three languages. Blocks that match no codebook question get new ids and go into
    the skeleton codebook (``DraftResult.skeleton``), which validates with the codebook loader.
    """
    exports = [open_export(p) for p in paths]
    problems = [p for e in exports for p in e.problems]
    if has_errors(problems):
        raise ImportValidationError(problems)
    notes: list[str] = []
    chosen_wave = wave if wave is not None else max(reference.wave_codes)
    if wave is None:
        notes.append(f"wave not given: drafted for {chosen_wave}")
    languages = [_guess_language(e, codebook) for e in exports]
    for export, language in zip(exports, languages, strict=True):
        if language is None:
            notes.append(f"{export.name}: language not recognised; set it under 'files'")
    blocks_per_file = [_blocks(e) for e in exports]
    aligned = all(_shape(b) == _shape(blocks_per_file[0]) for b in blocks_per_file)
    if not aligned:
        notes.append("the files do not have the same columns: drafted from "
                     f"{exports[0].name} only; map the others separately")
        exports, languages, blocks_per_file = exports[:1], languages[:1], blocks_per_file[:1]
    stats = [_scan(e, scan_rows) for e in exports]
    drafter = _Drafter(codebook, reference, chosen_wave, notes)
    columns: list[dict[str, Any]] = []
    for position in range(len(blocks_per_file[0])):
        versions = [(lang, blocks[position], st) for lang, blocks, st in
                    zip(languages, blocks_per_file, stats, strict=True)]
        columns.extend(drafter.block(versions))
    mapping: dict[str, Any] = {"wave": chosen_wave}
    mapping["files"] = {e.name: (lang or TODO) for e, lang in zip(exports, languages, strict=True)}
    mapping["columns"] = columns
    return DraftResult(mapping, drafter.skeleton(), notes)


def _shape(blocks: list[_Block]) -> list[int]:
    return [len(b.columns) for b in blocks]


def _guess_language(export: ExportFile, codebook: Codebook | None) -> str | None:
    match = _LANGUAGE_TOKEN.search(export.path.stem.lower())
    if match:
        return match.group(1)
    if codebook is None:
        return None
    hits: Counter[str] = Counter()
    texts = {lang: {normalise(q.text[lang]) for q in codebook.questions} for lang in LANGUAGES}
    for column in export.columns:
        for lang in LANGUAGES:
            if normalise(column.block) in texts[lang] or normalise(column.sub or "") in texts[lang]:
                hits[lang] += 1
    return hits.most_common(1)[0][0] if hits else None


def _blocks(export: ExportFile) -> list[_Block]:
    blocks: list[_Block] = []
    questions = [c for c in export.columns if c.role is None]
    if export.layout == "two_rows":
        for column in questions:
            if column.starts_block or not blocks:
                blocks.append(_Block(column.block))
            blocks[-1].columns.append(column)
            blocks[-1].subs.append(column.sub or "")
        return blocks
    for position, column in enumerate(questions):
        header = column.block
        current = blocks[-1] if blocks else None
        if current is not None and header.startswith(current.text + " - "):
            current.columns.append(column)
            current.subs.append(header[len(current.text) + 3:])
            continue
        if " - " in header:
            prefix, suffix = header.rsplit(" - ", 1)
            following = questions[position + 1].block if position + 1 < len(questions) else ""
            if normalise(suffix) in GENERIC_SUBS or following.startswith(prefix + " - "):
                blocks.append(_Block(prefix, [column], [suffix]))
                continue
        blocks.append(_Block(header, [column], [""]))
    return blocks


def _scan(export: ExportFile, limit: int | None) -> dict[int, _Stats]:
    stats = {c.index: _Stats() for c in export.columns if c.role is None}
    for count, (_number, cells) in enumerate(export.rows()):
        if limit is not None and count >= limit:
            break
        for index, stat in stats.items():
            cell = cells[index].strip()
            if not cell:
                continue
            stat.filled += 1
            stat.total_length += len(cell)
            if stat.numeric:
                try:
                    float(cell.replace(",", "."))
                except ValueError:
                    stat.numeric = False
            if len(stat.values) < _MAX_DISTINCT or cell in stat.values:
                stat.values[cell] += 1
            else:
                stat.overflow = True
    return stats


def _slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    base = "_".join(words)[:40].strip("_") or "q"
    if base[0].isdigit():
        base = f"q_{base}"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


class _Drafter:
    """Matches blocks to the codebook and collects the skeleton of what is new."""

    def __init__(self, codebook: Codebook | None, reference: Reference, wave: int,
                 notes: list[str]) -> None:
        self.codebook = codebook
        self.reference = reference
        self.wave = wave
        self.notes = notes
        self.taken: set[str] = set()
        self.by_text: dict[str, list[Question]] = {}
        if codebook is not None:
            self.taken.update(q.id for q in codebook.questions)
            for question in codebook.questions:
                texts = [question.text, *question.text_by_wave.values()]
                for labels in texts:
                    for text in labels.values():
                        self.by_text.setdefault(normalise(text), []).append(question)
        self.new_questions: list[dict[str, Any]] = []
        self.scales: dict[str, Any] = {}
        self.background_used: set[str] = set()
        self._new_option_codes: dict[str, dict[int, str]] = {}

    # --- matching ---------------------------------------------------------------------------

    def _question(self, texts: Sequence[str]) -> Question | None:
        for text in texts:
            candidates = self.by_text.get(normalise(text), [])
            in_wave = [q for q in candidates if self.wave in q.waves]
            if in_wave or candidates:
                return (in_wave or candidates)[0]
        return None

    def _background(self, values: set[str]) -> str | None:
        """The reference list whose labels (any language) hold every value seen, if any."""
        if not values:
            return None
        for list_name in BACKGROUND_FIELDS:
            labels = {normalise(label) for item in self.reference.items(list_name)
                      for label in item.label.values()}
            labels |= {normalise(code) for code in self.reference.codes(list_name)}
            if {normalise(v) for v in values} <= labels:
                return list_name
        return None

    # --- one block --------------------------------------------------------------------------

    def block(self, versions: list[tuple[str | None, _Block, dict[int, _Stats]]]) -> list[dict[str, Any]]:
        _lang, first, first_stats = versions[0]
        header = self._texts([(lang, b.text) for lang, b, _ in versions])
        all_stats = [[st[c.index] for c in b.columns] for _, b, st in versions]
        other_positions = [i for i, sub in enumerate(first.subs)
                           if any(w in normalise(sub) for w in _SPECIFY)]
        main = [i for i in range(len(first.columns)) if i not in other_positions]
        values_by_position = {
            i: {v for stats in all_stats for v in stats[i].values} for i in range(len(first.columns))
        }
        kind = self._kind(first, main, [first_stats[first.columns[i].index] for i in main])
        entries: list[dict[str, Any]] = []
        texts = [b.text for _, b, _ in versions]
        if kind in ("single", "open", "numbers") and len(main) == 1:
            position = main[0]
            values = values_by_position[position]
            background = self._background(values) if kind == "single" else None
            question = self._question(texts)
            entry: dict[str, Any] = {"header": header}
            sub = self._sub(versions, position)
            if sub is not None:
                entry["sub"] = sub
            if question is not None and question.type == "background":
                entry["question"] = question.id
            elif background is not None and question is None:
                entry["question"] = self._background_question(
                    background, self._labels([(lang, b.text) for lang, b, _ in versions]))
            elif question is not None:
                entry["question"] = question.id
                unmatched = (self._unmatched_values(question, values)
                             if question.type != "open" else set())
                if unmatched:
                    entry["values"] = {v: TODO for v in sorted(unmatched)}
                    self.notes.append(f"{question.id}: values {sorted(unmatched)[:5]} match no "
                                      "option label: fill in their codes under 'values'")
            else:
                entry["question"] = self._new_question(versions, kind, [position],
                                                       values_by_position)
            entries.append(entry)
        elif kind == "multi":
            question = self._question(texts)
            qid = question.id if question is not None else self._new_question(
                versions, "multi", main + other_positions, values_by_position)
            for n, position in enumerate(main + other_positions):
                entry = {"header": header} if n == 0 else {}
                entry["sub"] = self._sub(versions, position) or ""
                entry["question"] = qid
                entry["option"] = self._option_code(question, versions, position, qid)
                entries.append(entry)
        else:  # matrix or ranking: each row is a question of its own
            shared: set[str] = set().union(*(values_by_position[i] for i in main))
            for n, position in enumerate(main):
                row_texts = [b.subs[position] for _, b, _ in versions]
                question = self._question(row_texts)
                entry = {"header": header} if n == 0 else {}
                entry["sub"] = self._sub(versions, position) or ""
                if question is not None:
                    entry["question"] = question.id
                    unmatched = self._unmatched_values(question, values_by_position[position])
                    if unmatched:
                        entry["values"] = {v: TODO for v in sorted(unmatched)}
                        self.notes.append(f"{question.id}: values {sorted(unmatched)[:5]} match "
                                          "no option label")
                else:
                    entry["question"] = self._new_row_question(versions, position, kind, shared,
                                                               len(main))
                entries.append(entry)
            for position in other_positions:
                entries.append({"sub": self._sub(versions, position) or "", "question": TODO,
                                "option": TODO})
                self.notes.append(f"'{first.text[:50]}': an 'Other' column in a matrix; map it "
                                  "or list it under 'ignore'")
        if other_positions and kind != "multi" and kind not in ("matrix", "ranking"):
            qid = entries[0]["question"]
            question = (self.codebook.question(qid) if self.codebook is not None
                        and self.codebook.has_question(qid) else None)
            other = "other" if question is None or "other" in question.option_codes else TODO
            for position in other_positions:
                entries.append({"sub": self._sub(versions, position) or "", "question": qid,
                                "option": other})
                if question is None:
                    self._ensure_other_option(qid, versions, position)
        return entries

    def _kind(self, block: _Block, main: list[int], stats: list[_Stats]) -> str:
        if len(main) == 1:
            stat = stats[0]
            sub = normalise(block.subs[main[0]])
            distinct = len(stat.values)
            if sub in _OPEN_SUBS:
                return "open"
            if stat.filled and stat.numeric:
                return "numbers"
            if stat.overflow or (stat.filled >= 10 and distinct > max(20, stat.filled // 2)) or (
                    stat.filled and stat.total_length / stat.filled > 80):
                return "open"
            return "single"
        subs = [normalise(block.subs[i]) for i in main]
        if all({normalise(v) for v in st.values} <= {sub, "1"} for st, sub in zip(stats, subs,
                                                                                     strict=True)):
            return "multi"
        if all(st.numeric for st in stats):
            numbers = {float(v.replace(",", ".")) for st in stats for v in st.values}
            if numbers and numbers <= {float(n) for n in range(1, len(main) + 1)}:
                return "ranking"
        return "matrix"

    def _texts(self, pairs: list[tuple[str | None, str]]) -> Any:
        distinct = {text for _, text in pairs}
        if len(distinct) == 1 or any(lang is None for lang, _ in pairs):
            return pairs[0][1]
        return {lang: text for lang, text in pairs}

    def _sub(self, versions: list[tuple[str | None, _Block, dict[int, _Stats]]],
             position: int) -> Any:
        pairs = [(lang, b.subs[position]) for lang, b, _ in versions]
        if all(normalise(text) in GENERIC_SUBS for _, text in pairs):
            return None
        return self._texts(pairs)

    def _unmatched_values(self, question: Question, values: set[str]) -> set[str]:
        known = {normalise(o.code) for o in question.options}
        known |= {normalise(label) for o in question.options for label in o.label.values()}
        numeric = {o.value for o in question.options if o.value is not None}
        out = set()
        for value in values:
            if normalise(value) in known:
                continue
            try:
                if float(value.replace(",", ".")) in numeric:
                    continue
            except ValueError:
                pass
            out.add(value)
        return out

    def _option_code(self, question: Question | None,
                     versions: list[tuple[str | None, _Block, dict[int, _Stats]]],
                     position: int, qid: str) -> str:
        subs = [b.subs[position] for _, b, _ in versions]
        if question is None:
            return self._new_option_codes[qid][position]
        for sub in subs:
            for option in question.options:
                if normalise(sub) in {normalise(label) for label in option.label.values()}:
                    return option.code
        if any(w in normalise(subs[0]) for w in _SPECIFY) and "other" in question.option_codes:
            return "other"
        self.notes.append(f"{question.id}: column '{subs[0]}' matches no option label")
        return TODO

    # --- skeleton ---------------------------------------------------------------------------

    def _labels(self, pairs: list[tuple[str | None, str]]) -> dict[str, str]:
        known = {lang: text for lang, text in pairs if lang is not None}
        fallback = pairs[0][1]
        return {lang: known.get(lang, f"TODO ({lang}): {fallback}") for lang in LANGUAGES}

    def _base_question(self, qid: str, text: dict[str, str], qtype: str, note: str) -> dict[str, Any]:
        entry: dict[str, Any] = {"id": qid, "section": "imported", "type": qtype,
                                 "waves": [self.wave], "text": text}
        if note:
            entry["note"] = note
        self.new_questions.append(entry)
        return entry

    def _new_question(self, versions: list[tuple[str | None, _Block, dict[int, _Stats]]],
                      kind: str, positions: list[int],
                      values_by_position: dict[int, set[str]]) -> str:
        first = versions[0][1]
        qid = _slug(first.text, self.taken)
        text = self._labels([(lang, b.text) for lang, b, _ in versions])
        if kind == "open":
            self._base_question(qid, text, "open", "")
            return qid
        if kind == "multi":
            codes: dict[int, str] = {}
            options = []
            option_taken: set[str] = set()
            for position in positions:
                sub = first.subs[position]
                if any(w in normalise(sub) for w in _SPECIFY):
                    code = "other"
                    option_taken.add(code)
                else:
                    code = _slug(sub, option_taken)
                codes[position] = code
                options.append({"code": code, "label": self._labels(
                    [(lang, b.subs[position]) for lang, b, _ in versions])})
            self._new_option_codes[qid] = codes
            entry = self._base_question(qid, text, "multi", "")
            entry["options"] = options
            return qid
        values = values_by_position[positions[0]]
        entry = self._base_question(qid, text, "single",
                                    "detected: numbers; the codebook has no numeric type, so each "
                                    "value seen is an option" if kind == "numbers" else "")
        entry["options"] = self._value_options(values, versions)
        return qid

    def _value_options(self, values: set[str],
                       versions: list[tuple[str | None, _Block, dict[int, _Stats]]]) -> list[Any]:
        languages = [lang for lang, _, _ in versions]
        numeric = all(_is_number(v) for v in values) and values
        if numeric:
            ordered = sorted(values, key=lambda v: float(v.replace(",", ".")))
            return [{"code": _number_code(v), "label": dict.fromkeys(LANGUAGES, _number_code(v))}
                    for v in ordered]
        taken: set[str] = set()
        options = []
        for value in sorted(values):
            label = self._labels([(languages[0], value)])
            options.append({"code": _slug(value, taken), "label": label})
        if len(languages) > 1:
            self.notes.append("option labels of new single-choice questions come from the first "
                              "file only: translate the TODO labels in the skeleton")
        return options

    def _new_row_question(self, versions: list[tuple[str | None, _Block, dict[int, _Stats]]],
                          position: int, kind: str, shared: set[str], rows: int) -> str:
        first = versions[0][1]
        qid = _slug(f"{first.text} {first.subs[position]}", self.taken)
        text = self._labels([(lang, f"{b.text}: {b.subs[position]}") for lang, b, _ in versions])
        scale = self._known_scale(shared)
        if kind == "ranking":
            entry = self._base_question(qid, text, "single", "detected: ranking (rank 1..n)")
            entry["options"] = [{"code": str(n), "label": dict.fromkeys(LANGUAGES, str(n))}
                                for n in range(1, rows + 1)]
        elif scale is not None:
            name, qtype, options = scale
            self.scales[name] = {"options": options}
            entry = self._base_question(qid, text, qtype, "detected: matrix row")
            entry["scale"] = name
        else:
            entry = self._base_question(qid, text, "single", "detected: matrix row")
            entry["options"] = self._value_options(shared, versions)
        return qid

    def _known_scale(self, values: set[str]) -> tuple[str, str, list[Any]] | None:
        """A codebook scale whose labels hold every value seen (so agree5 stays agree5)."""
        if self.codebook is None or not values:
            return None
        wanted = {normalise(v) for v in values}
        for question in self.codebook.questions:
            if question.scale is None:
                continue
            labels = {normalise(label) for o in question.options for label in o.label.values()}
            if wanted <= labels:
                options = [{"code": o.code, "label": dict(o.label),
                            **({"dont_know": True} if o.dont_know else {})}
                           for o in question.options]
                return question.scale, question.type, options
        return None

    def _background_question(self, list_name: str, text: dict[str, str]) -> str:
        qid = BACKGROUND_FIELDS[list_name]
        if self.codebook is not None and self.codebook.has_question(qid):
            return qid
        if qid not in self.background_used:
            self.background_used.add(qid)
            self.taken.add(qid)
            entry = self._base_question(qid, text, "background",
                                        "detected from the reference labels")
            entry["reference"] = list_name
            entry["section"] = "background"
        return qid

    def _ensure_other_option(self, qid: str,
                             versions: list[tuple[str | None, _Block, dict[int, _Stats]]],
                             position: int) -> None:
        for entry in self.new_questions:
            if entry["id"] == qid and "options" in entry:
                if all(o["code"] != "other" for o in entry["options"]):
                    entry["options"].append({"code": "other", "label": self._labels(
                        [(lang, b.subs[position]) for lang, b, _ in versions])})

    def skeleton(self) -> dict[str, Any] | None:
        if not self.new_questions:
            return None
        sections = [{"id": "imported", "label": dict.fromkeys(LANGUAGES, "Imported questions")}]
        if any(q["section"] == "background" for q in self.new_questions):
            sections.insert(0, {"id": "background", "label": {
                "fi": "Taustatiedot", "sv": "Bakgrundsuppgifter", "en": "Background"}})
        crosswalk = []
        for question in self.new_questions:
            if self.wave == 2020:
                crosswalk.append({"concept": question["id"], "wave_2020": question["id"],
                                  "wave_2023": None, "comparability": "dropped_after_2020"})
            else:
                crosswalk.append({"concept": question["id"], "wave_2020": None,
                                  "wave_2023": question["id"], "comparability": "new_in_2023"})
        document: dict[str, Any] = {"version": "draft", "sections": sections}
        if self.scales:
            document["scales"] = self.scales
        document["questions"] = self.new_questions
        document["crosswalk"] = crosswalk
        return document


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", "."))
    except ValueError:
        return False
    return True


def _number_code(value: str) -> str:
    number = float(value.replace(",", "."))
    return str(int(number)) if number.is_integer() else str(number)
