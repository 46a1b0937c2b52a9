"""Page segmentation: title, caption, article body, boilerplate and comment thread.

Public API:

* `segment(raw, doc_id) -> Document` - dispatch on `RawDoc.html` / `RawDoc.text`;
* `segment_text(text, *, title_hint=None) -> Segmentation` - plain-text dumps;
* `segment_html(html) -> (text, Segmentation)` - HTML, comments from nested markup;
* `SegmentSettings` / `DEFAULT_SETTINGS` - the cascade's named thresholds;
* `load_cues(path)` - read a cue file other than the shipped one.
"""

from sitrep.segment.api import normalise_newlines, segment
from sitrep.segment.cues import CueSet, default_cues, load_cues
from sitrep.segment.html import segment_html
from sitrep.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from sitrep.segment.text import segment_text

__all__ = [
    "segment",
    "segment_text",
    "segment_html",
    "normalise_newlines",
    "SegmentSettings",
    "DEFAULT_SETTINGS",
    "CueSet",
    "default_cues",
    "load_cues",
]
