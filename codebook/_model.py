"""Immutable value types of the codebook and the reference lists."""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
QUESTION_TYPES: tuple[str, ...] = ("background", "single", "multi", "agreement5", "grade10", "open")
COMPARABILITY_FLAGS: tuple[str, ...] = (
    "same",
    "wording_changed",
    "scale_changed",
    "new_in_2023",
    "dropped_after_2020",
)
#: Flags under which a 2020 value may be set beside a 2023 value.
COMPARABLE_FLAGS: frozenset[str] = frozenset({"same", "wording_changed", "scale_changed"})

Labels = dict[str, str]


@dataclass(frozen=True)
class Option:
    """One answer option; ``dont_know`` options are left out of means and shown apart."""

    code: str
    label: Labels
    dont_know: bool = False
    value: float | None = None

    def text(self, language: str) -> str:
        return self.label[language]


@dataclass(frozen=True)
class Question:
    """One item of the questionnaire, asked in one or both waves."""

    id: str
    section: str
    type: str
    text: Labels
    waves: tuple[int, ...]
    options: tuple[Option, ...] = ()
    scale: str | None = None
    reference: str | None = None
    exclusive: tuple[str, ...] = ()
    assumed: bool = False
    note: str = ""
    text_by_wave: dict[int, Labels] = field(default_factory=dict)

    def text_for(self, language: str, wave: int | None = None) -> str:
        """The question as worded in ``wave`` (falls back to the latest wording)."""
        if wave is not None and wave in self.text_by_wave:
            return self.text_by_wave[wave][language]
        return self.text[language]

    def option(self, code: str) -> Option:
        for opt in self.options:
            if opt.code == code:
                return opt
        raise KeyError(f"question {self.id!r} has no option {code!r}")

    @property
    def option_codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    @property
    def is_closed(self) -> bool:
        """Closed questions have options the gate can count; background items describe groups."""
        return self.type in ("single", "multi", "agreement5", "grade10")


@dataclass(frozen=True)
class Concept:
    """A crosswalk entry: the item that measured one concept in each wave."""

    id: str
    wave_2020: str | None
    wave_2023: str | None
    comparability: str
    note: str = ""

    @property
    def comparable(self) -> bool:
        return self.comparability in COMPARABLE_FLAGS and bool(self.wave_2020 and self.wave_2023)


@dataclass(frozen=True)
class Codebook:
    """The validated questionnaire of both waves."""

    version: str
    sections: tuple[tuple[str, Labels], ...]
    questions: tuple[Question, ...]
    concepts: tuple[Concept, ...]

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"unknown question {question_id!r}")

    def has_question(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.questions)

    def questions_in_wave(self, wave: int) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if wave in q.waves)

    def section_label(self, section_id: str, language: str) -> str:
        for sid, label in self.sections:
            if sid == section_id:
                return label[language]
        raise KeyError(f"unknown section {section_id!r}")

    def concept_of(self, question_id: str) -> Concept:
        for c in self.concepts:
            if question_id in (c.wave_2020, c.wave_2023):
                return c
        raise KeyError(f"question {question_id!r} is in no crosswalk concept")


@dataclass(frozen=True)
class ReferenceItem:
    """One value of a reference list (an ELY area, an organisation type, ...)."""

    code: str
    label: Labels
    parent: str | None = None
    waves: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reference:
    """Reference lists; ``parent`` links organisation types to sectors and ELY areas to centres."""

    version: str
    languages: tuple[ReferenceItem, ...]
    sectors: tuple[ReferenceItem, ...]
    organisation_types: tuple[ReferenceItem, ...]
    ely_areas: tuple[ReferenceItem, ...]
    centres: tuple[ReferenceItem, ...]
    waves: tuple[ReferenceItem, ...]

    def items(self, list_name: str) -> tuple[ReferenceItem, ...]:
        items: tuple[ReferenceItem, ...] = getattr(self, list_name)
        return items

    def label(self, list_name: str, code: str, language: str) -> str:
        for item in self.items(list_name):
            if item.code == code:
                return item.label[language]
        raise KeyError(f"{list_name} has no code {code!r}")

    def codes(self, list_name: str) -> tuple[str, ...]:
        return tuple(i.code for i in self.items(list_name))

    def sector_of(self, org_type: str) -> str:
        return self._parent("organisation_types", org_type)

    def centre_of(self, ely_area: str) -> str:
        return self._parent("ely_areas", ely_area)

    def _parent(self, list_name: str, code: str) -> str:
        for item in self.items(list_name):
            if item.code == code:
                assert item.parent is not None
                return item.parent
        raise KeyError(f"{list_name} has no code {code!r}")

    @property
    def wave_codes(self) -> tuple[int, ...]:
        return tuple(int(w.code) for w in self.waves)
