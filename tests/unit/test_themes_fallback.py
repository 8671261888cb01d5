"""Without voikko the pipeline still works: simplemma lemmas for Finnish and a logged warning."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

import themes._lemmatise as lemmatise_module
from themes import Lemmatiser, TextAnalyser, run_pipeline


def _missing_voikko() -> object:
    raise OSError("libvoikko.so.1: cannot open shared object file")


@pytest.fixture
def fallback(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> TextAnalyser:
    monkeypatch.setattr(lemmatise_module, "_load_voikko", _missing_voikko)
    with caplog.at_level(logging.WARNING, logger="themes._lemmatise"):
        analyser = TextAnalyser()
    return analyser


def test_missing_voikko_logs_a_warning(fallback: TextAnalyser, caplog: pytest.LogCaptureFixture) -> None:
    assert not fallback.has_voikko
    warnings = [r for r in caplog.get_records("setup") if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "libvoikko is not available" in warnings[0].getMessage()
    assert "cannot open shared object file" in warnings[0].getMessage()


def test_finnish_still_gets_base_forms_from_simplemma(fallback: TextAnalyser) -> None:
    analysis = fallback.lemmatiser.analyse("koulutuksia", "fi")
    assert analysis.lemma == "koulutus"
    assert not analysis.decomposed  # no compound analysis without voikko


def test_finnish_answers_are_still_coded_and_redacted(fallback: TextAnalyser) -> None:
    # Compound parts fall back to substring matching of the base form.
    assert fallback.code("Kotoutumiskoulutus oli hyvä ja saimme uusia kontakteja.",
                         "open_benefits", "fi") == {"competence_training", "new_partners_contacts"}
    # Names come from the name list and the capitalised word after a first name.
    assert fallback.redact("Kiitos Mikko Virtaselle ja Annalle.", "fi").text == (
        "Kiitos [nimi] ja [nimi].")


def test_the_pipeline_reports_the_fallback(fallback: TextAnalyser) -> None:
    frame = pd.DataFrame([(1, 2023, "fi", "open_benefits", "Uusia kontakteja.")],
                         columns=["respondent_id", "wave", "survey_language", "question_id", "text"])
    result = run_pipeline(frame, fallback)
    assert result.voikko is False
    assert result.answers.loc[0, "themes"] == ("new_partners_contacts",)


def test_voikko_can_be_switched_off_on_purpose() -> None:
    lemmatiser = Lemmatiser(use_voikko=False)
    assert not lemmatiser.has_voikko
    assert lemmatiser.voikko_problem == "disabled"
