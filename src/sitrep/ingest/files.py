"""Reading whole files safely: size limit first, OS errors as skips."""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import SKIP_TOO_LARGE, SKIP_UNREADABLE
from sitrep.records import Skip

# Largest single document (file, WARC record, JSONL line, decompressed .gz) read
# into memory. A news article, even saved with inline scripts and styles, is
# usually well under 5 MB, so 20 MB leaves a wide margin, while a database dump
# or a video renamed .txt is refused before it is read and one bad input cannot
# exhaust the memory of a small worker. Raise it only together with the worker
# memory budget. The NLP stage's own limit is per paragraph, not per page: spaCy refuses
# texts over 1,000,000 characters, so segmentation caps body paragraphs at
# SegmentSettings.max_paragraph_chars (100,000) and a page up to this size is parsed whole.
MAX_TEXT_BYTES = 20 * 1024 * 1024


def too_large(origin: str, size: int, limit: int = MAX_TEXT_BYTES) -> Skip:
    """The skip for a document over the size limit."""
    return Skip(origin, SKIP_TOO_LARGE, f"{size} bytes is over the {limit}-byte limit")


def unreadable(origin: str, exc: OSError) -> Skip:
    """The skip for a file the OS would not let us read."""
    detail = exc.strerror or exc.__class__.__name__
    return Skip(origin, SKIP_UNREADABLE, f"cannot read: {detail}")


def read_bytes_limited(path: Path, limit: int = MAX_TEXT_BYTES) -> bytes | Skip:
    """The file's bytes, or a Skip when it is over `limit` (checked before reading) or unreadable."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            return too_large(origin, size, limit)
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grew after stat() is still caught.
            data = fh.read(limit + 1)
    except OSError as exc:
        return unreadable(origin, exc)
    if len(data) > limit:
        return too_large(origin, len(data), limit)
    return data
