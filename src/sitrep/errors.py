"""Typed errors with stable codes.

The CLI catches `SitrepError` once and prints ``error[CODE]: message`` on one line.
Inside a batch, per-document problems are *not* raised: readers return a `Skip`
(see `sitrep.records`) carrying one of the `SKIP_*` reason codes, which the run
report counts. Codes are stable so that scripts and tests can match on them.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: one clear line for the user, with a stable code."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"error[{self.code}]: {self.message}"


class InputError(SitrepError):
    """A path or option the user gave cannot be used."""

    code = "E001"


class ManifestError(SitrepError):
    """The --manifest CSV is missing, unreadable or lacks required columns."""

    code = "E002"


class DataFileError(SitrepError):
    """A shipped or user data file (YAML/TSV/JSONL) is malformed; names file and field."""

    code = "E003"


class StoreError(SitrepError):
    """The SQLite store cannot be opened or migrated."""

    code = "E004"


class NotFound(SitrepError):
    """A document, event or actor id that is not in the store."""

    code = "E005"


class GoldError(SitrepError):
    """A gold file for `sitrep eval` is missing or malformed."""

    code = "E006"


class NothingIngested(SitrepError):
    """Every input failed: the run produced no document."""

    code = "E007"


class CorruptStore(StoreError):
    """The --db file is not a SQLite database, is truncated, or fails SQLite's integrity check."""

    code = "E008"


class SchemaTooNew(StoreError):
    """The database was written by a newer sitrep (a schema version this code does not know)."""

    code = "E009"


# Reason codes for skipped inputs (per document / per record). Kept short and stable.
SKIP_EMPTY = "empty"
SKIP_BINARY = "binary"
SKIP_ENCODING = "bad-encoding"
SKIP_TOO_LARGE = "too-large"
SKIP_NO_TEXT = "no-text"
SKIP_BAD_JSON = "bad-json"
SKIP_BAD_RECORD = "bad-record"
SKIP_TRUNCATED = "truncated"
SKIP_UNREADABLE = "unreadable"
SKIP_UNSUPPORTED = "unsupported"
SKIP_DUPLICATE = "duplicate"
SKIP_PIPELINE = "pipeline-error"
