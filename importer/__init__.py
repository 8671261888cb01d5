"""Import SurveyMonkey "all responses" exports (CSV or XLSX) into the survey store.

Why a package of its own: this is how real data enters the dashboard, and it must be strict.
Every export is read completely and checked against a mapping file and the codebook before
anything is written (encoding, header layout, Excel damage, duplicate ids, unknown answers);
then one transaction stores everything or nothing. Personal data columns (IP address, e-mail,
names, custom data) are never stored; open answers pass :func:`redact_open_answer`.
Never imports Streamlit. ``python -m baro import`` is the command-line front.
"""

from importer._draft import DraftResult, draft_mapping, dump_yaml
from importer._mapping import ColumnRule, ImportMapping, load_mapping, parse_mapping
from importer._problems import ImportValidationError, Problem, format_problems, has_errors
from importer._reader import ExportColumn, ExportFile, detect_encoding, open_export
from importer._run import (
    TEST_PAUSE_ENV,
    TEST_PAUSE_MARKER,
    FileSummary,
    ImportSummary,
    import_exports,
    read_records,
    validate_exports,
)
from importer.export_writer import build_mapping, export_layout, write_exports
from importer.redaction import Redactor, redact_open_answer

__all__ = [
    "TEST_PAUSE_ENV",
    "TEST_PAUSE_MARKER",
    "ColumnRule",
    "DraftResult",
    "ExportColumn",
    "ExportFile",
    "FileSummary",
    "ImportMapping",
    "ImportSummary",
    "ImportValidationError",
    "Problem",
    "Redactor",
    "build_mapping",
    "detect_encoding",
    "draft_mapping",
    "dump_yaml",
    "export_layout",
    "format_problems",
    "has_errors",
    "import_exports",
    "load_mapping",
    "open_export",
    "parse_mapping",
    "read_records",
    "redact_open_answer",
    "validate_exports",
    "write_exports",
]
