"""The hook through which every open answer passes before it is stored.

Why a hook: names, e-mail addresses and phone numbers in open answers must not reach the store
once the themes pipeline can find them. Until that pipeline provides a redaction function, open
answers are stored as given (the store's ``value_text`` is read only by the text pipeline, never
by pages). Replace the body of :func:`redact_open_answer`, or pass ``redact=`` to
:func:`importer.import_exports`, to redact at import time.
"""

from __future__ import annotations

from collections.abc import Callable

#: (text, language) -> text to store.
Redactor = Callable[[str, str], str]


def redact_open_answer(text: str, language: str) -> str:
    """Return ``text`` as it will be stored; identity until the themes pipeline's redaction exists.

    Parameters
    ----------
    text:
        The open answer as the respondent typed it.
    language:
        The survey language of the respondent (``fi``, ``sv`` or ``en``).
    """
    del language  # used by the themes pipeline's redaction, not by the identity
    return text
