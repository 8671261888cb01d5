"""The questionnaire and reference lists as validated, immutable data.

Why a package of its own: pages, the importer, the demo generator and the anonymity gate all need
the same question ids, option codes and labels, and none of them should parse YAML themselves.
"""

from codebook._loader import (
    CodebookError,
    load_codebook,
    load_reference,
    parse_codebook,
    parse_reference,
)
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

__all__ = [
    "COMPARABILITY_FLAGS",
    "LANGUAGES",
    "QUESTION_TYPES",
    "Codebook",
    "CodebookError",
    "Concept",
    "Option",
    "Question",
    "Reference",
    "ReferenceItem",
    "load_codebook",
    "load_reference",
    "parse_codebook",
    "parse_reference",
]
