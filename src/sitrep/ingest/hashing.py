"""Stable document ids from normalised content.

The id must not change when the same page is ingested twice from copies that
differ only in line endings, trailing spaces or blank-line padding (a file saved
on Windows, a dump re-wrapped by an editor), so the store upserts instead of
duplicating. HTML is hashed over its raw markup, normalised the same way:
segmentation may change between versions, the input does not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# 16 hex chars = 64 bits: collisions stay negligible far beyond any corpus size we
# expect (birthday bound ~4e9 documents), and ids stay short enough to type.
DOC_ID_HEX_CHARS = 16

# Started only at a run's first character (the look-behind), so a long run of
# spaces inside a line is scanned once, not once per space: same matches, linear.
_TRAILING_WS = re.compile(r"(?<![ \t\f\v\u00a0])[ \t\f\v\u00a0]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` to `\\n`: the one normalisation readers apply to text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalise_for_hash(text: str) -> str:
    """The canonical form hashed by `content_hash` (NFC, LF, no trailing or blank padding)."""
    text = unicodedata.normalize("NFC", normalise_newlines(text))
    text = _TRAILING_WS.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """A 16-hex-char sha256 of the normalised text: the document id."""
    digest = hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()
    return digest[:DOC_ID_HEX_CHARS]
