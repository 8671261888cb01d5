"""Load and validate the codebook and the reference lists from YAML under ``assets/``.

Validation collects every problem it finds and stops with all of them, each naming the item,
so a broken questionnaire file is fixed in one round, not one error per run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from codebook._model import (
    COMPARABILITY_FLAGS,
    LANGUAGES,
    QUESTION_TYPES,
    Codebook,
    Concept,
    Option,
    Question,
    Reference,
    ReferenceItem,
)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
DEFAULT_CODEBOOK = ASSETS / "codebook.yaml"
DEFAULT_REFERENCE = ASSETS / "reference.yaml"
REFERENCE_LISTS = ("languages", "sectors", "organisation_types", "ely_areas", "centres", "waves")
SCALED_TYPES = ("agreement5", "grade10")


class CodebookError(ValueError):
    """The codebook or reference file is invalid; the message lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        listed = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s):\n{listed}")


def _labels(raw: Any, where: str, problems: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict):
        problems.append(f"{where}: labels must be a mapping of fi/sv/en, got {raw!r}")
        return {lang: "" for lang in LANGUAGES}
    labels: dict[str, str] = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if value is None or not str(value).strip():
            problems.append(f"{where}: missing {lang} translation")
            labels[lang] = ""
        else:
            labels[lang] = str(value)
    extra = set(raw) - set(LANGUAGES)
    if extra:
        problems.append(f"{where}: unknown language(s) {sorted(extra)}")
    return labels


def _options(raw: Any, where: str, problems: list[str]) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(f"{where}: options must be a non-empty list")
        return ()
    options: list[Option] = []
    seen: set[str] = set()
    for pos, item in enumerate(raw):
        code = str(item.get("code", "")) if isinstance(item, dict) else ""
        if not code:
            problems.append(f"{where} option #{pos + 1}: missing code")
            continue
        if code in seen:
            problems.append(f"{where}: duplicate option code {code!r}")
        seen.add(code)
        dont_know = bool(item.get("dont_know", False))
        value = None if dont_know else _numeric(code)
        options.append(
            Option(code, _labels(item.get("label"), f"{where} option {code!r}", problems),
                   dont_know, value)
        )
    return tuple(options)


def _numeric(code: str) -> float | None:
    try:
        return float(code)
    except ValueError:
        return None


def parse_codebook(data: Any, reference: Reference, source: str = "codebook") -> Codebook:
    """Validate a parsed codebook document against the reference lists."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise CodebookError(source, ["the document must be a mapping"])
    waves = set(reference.wave_codes)
    sections = tuple(
        (str(s.get("id")), _labels(s.get("label"), f"section {s.get('id')!r}", problems))
        for s in data.get("sections", [])
    )
    section_ids = {sid for sid, _ in sections}
    scales: dict[str, tuple[Option, ...]] = {
        str(name): _options(body.get("options"), f"scale {name!r}", problems)
        for name, body in (data.get("scales") or {}).items()
    }
    questions: list[Question] = []
    seen_ids: set[str] = set()
    for pos, raw in enumerate(data.get("questions") or []):
        qid = str(raw.get("id") or "")
        where = f"question {qid!r}" if qid else f"question #{pos + 1}"
        if not qid:
            problems.append(f"{where}: missing id")
            continue
        if qid in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(qid)
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            problems.append(f"{where}: unknown type {qtype!r} (one of {', '.join(QUESTION_TYPES)})")
        if raw.get("section") not in section_ids:
            problems.append(f"{where}: unknown section {raw.get('section')!r}")
        q_waves = tuple(int(w) for w in raw.get("waves") or [])
        if not q_waves or not set(q_waves) <= waves:
            problems.append(f"{where}: waves {list(q_waves)} must be a non-empty subset of {sorted(waves)}")
        scale = raw.get("scale")
        options: tuple[Option, ...] = ()
        if "options" in raw:
            options = _options(raw["options"], where, problems)
        elif scale is not None:
            if scale not in scales:
                problems.append(f"{where}: unknown scale {scale!r}")
            options = scales.get(scale, ())
        elif qtype in SCALED_TYPES:
            problems.append(f"{where}: {qtype} needs a scale")
        elif qtype in ("single", "multi"):
            problems.append(f"{where}: {qtype} needs options or a scale")
        ref_list = raw.get("reference")
        if qtype == "background":
            if ref_list not in REFERENCE_LISTS:
                problems.append(f"{where}: background item needs a reference list, got {ref_list!r}")
            else:
                options = tuple(Option(i.code, i.label) for i in reference.items(ref_list))
        exclusive = tuple(str(x) for x in raw.get("exclusive") or [])
        for code in exclusive:
            if code not in {o.code for o in options}:
                problems.append(f"{where}: exclusive option {code!r} is not an option")
        text_by_wave = {
            int(w): _labels(t, f"{where} wording of {w}", problems)
            for w, t in (raw.get("text_by_wave") or {}).items()
        }
        questions.append(
            Question(
                id=qid,
                section=str(raw.get("section")),
                type=str(qtype),
                text=_labels(raw.get("text"), where, problems),
                waves=q_waves,
                options=options,
                scale=scale,
                reference=ref_list,
                exclusive=exclusive,
                assumed=bool(raw.get("assumed", False)),
                note=str(raw.get("note", "")),
                text_by_wave=text_by_wave,
            )
        )
    by_id = {q.id: q for q in questions}
    concepts: list[Concept] = []
    covered: dict[str, str] = {}
    for raw in data.get("crosswalk") or []:
        cid = str(raw.get("concept") or "")
        where = f"crosswalk concept {cid!r}"
        flag = raw.get("comparability")
        if flag not in COMPARABILITY_FLAGS:
            problems.append(f"{where}: unknown comparability {flag!r}")
        item_ids: dict[int, str | None] = {}
        for wave in (2020, 2023):
            item = raw.get(f"wave_{wave}")
            item_ids[wave] = None if item is None else str(item)
            if item is None:
                continue
            if item not in by_id:
                problems.append(f"{where}: wave_{wave} links to missing question {item!r}")
            elif wave not in by_id[item].waves:
                problems.append(f"{where}: question {item!r} was not asked in {wave}")
            if item in covered and covered[item] != cid:
                problems.append(f"{where}: question {item!r} is already in concept {covered[item]!r}")
            covered[str(item)] = cid
        if flag == "new_in_2023" and item_ids[2020] is not None:
            problems.append(f"{where}: new_in_2023 must not link a 2020 item")
        if flag == "dropped_after_2020" and item_ids[2023] is not None:
            problems.append(f"{where}: dropped_after_2020 must not link a 2023 item")
        if flag in ("same", "wording_changed", "scale_changed") and None in item_ids.values():
            problems.append(f"{where}: {flag} needs an item in both waves")
        concepts.append(Concept(cid, item_ids[2020], item_ids[2023], str(flag), str(raw.get("note", ""))))
    for qid in by_id:
        if qid not in covered:
            problems.append(f"question {qid!r}: not linked by any crosswalk concept")
    if problems:
        raise CodebookError(source, problems)
    return Codebook(str(data.get("version", "")), sections, tuple(questions), tuple(concepts))


def parse_reference(data: Any, source: str = "reference") -> Reference:
    """Validate the reference lists: translations, unique codes, parents that exist."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise CodebookError(source, ["the document must be a mapping"])
    lists: dict[str, tuple[ReferenceItem, ...]] = {}
    parent_keys = {"organisation_types": "sector", "ely_areas": "centre"}
    for name in REFERENCE_LISTS:
        items: list[ReferenceItem] = []
        seen: set[str] = set()
        for raw in data.get(name) or []:
            code = str(raw.get("code", ""))
            where = f"{name} {code!r}"
            if not code:
                problems.append(f"{name}: an item has no code")
            if code in seen:
                problems.append(f"{where}: duplicate code")
            seen.add(code)
            parent = raw.get(parent_keys[name]) if name in parent_keys else None
            items.append(
                ReferenceItem(code, _labels(raw.get("label"), where, problems),
                              None if parent is None else str(parent),
                              tuple(int(w) for w in raw.get("waves") or []))
            )
        if not items:
            problems.append(f"{name}: the list is missing or empty")
        lists[name] = tuple(items)
    for name, parent_list in (("organisation_types", "sectors"), ("ely_areas", "centres")):
        codes = {i.code for i in lists[parent_list]}
        for item in lists[name]:
            if item.parent not in codes:
                problems.append(f"{name} {item.code!r}: unknown {parent_list[:-1]} {item.parent!r}")
    if problems:
        raise CodebookError(source, problems)
    return Reference(version=str(data.get("version", "")), **lists)


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise CodebookError(str(path), [f"not valid YAML: {exc}"]) from exc


def load_reference(path: Path = DEFAULT_REFERENCE) -> Reference:
    """Load ``assets/reference.yaml`` (or ``path``) and validate it."""
    return parse_reference(_read_yaml(path), str(path))


def load_codebook(path: Path = DEFAULT_CODEBOOK, reference: Reference | None = None) -> Codebook:
    """Load ``assets/codebook.yaml`` (or ``path``), validated against the reference lists."""
    ref = reference if reference is not None else load_reference()
    return parse_codebook(_read_yaml(path), ref, str(path))
