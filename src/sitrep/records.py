"""The plain records that flow between stages.

Every stage is a function from one of these to the next, so the same code runs
in-process, in tests and inside a Spark task. Records hold no live objects
(no spaCy Doc, no DB handle): they pickle and serialise to JSON.

Offsets: every character offset (segments, comments, evidence) points into
`Document.text`, the page's plain text. For a text dump that is the file's text
with newlines normalised; for HTML it is the text rendering the segmenter made.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class DocMeta:
    """What is known about a page apart from its text."""

    url: str | None = None
    source: str | None = None  # outlet, e.g. "SouthFront"
    published: date | None = None
    language: str | None = None
    title: str | None = None  # a title the container states (HTML <title>, JSONL field)
    # Where `published` came from (sitrep.ingest.pubdate: meta | dateline | warc |
    # manifest | --published), so an analyst can tell a stated date from a guess.
    published_source: str | None = None

    def merged(self, other: "DocMeta") -> "DocMeta":
        """Fill this record's gaps from `other` (own values win; a date keeps its source)."""
        return DocMeta(
            url=self.url or other.url,
            source=self.source or other.source,
            published=self.published or other.published,
            language=self.language or other.language,
            title=self.title or other.title,
            published_source=self.published_source if self.published else other.published_source,
        )


@dataclass(slots=True)
class RawDoc:
    """One page as a reader found it, before segmentation.

    `name` is how users and outside evaluations refer to the page: the input
    file's name, or the record's `id` for JSONL (`file.jsonl#3` when it has none).
    Exactly one of `text` / `html` is set.
    """

    name: str
    origin: str  # path (plus '#record' for containers) for error reports
    text: str | None = None
    html: str | None = None
    meta: DocMeta = field(default_factory=DocMeta)
    # Where the page came from beyond DocMeta (a fetch's final URL and HTTP date, a
    # channel post's id and forward), stored beside the document by sitrep.ingest.provenance.
    provenance: dict[str, Any] | None = None

    @property
    def content(self) -> str:
        return self.text if self.text is not None else (self.html or "")


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not become a document, with a stable reason code."""

    origin: str
    reason: str  # one of sitrep.errors.SKIP_*
    message: str

    def line(self) -> str:
        return f"{self.origin}: {self.reason}: {self.message}"


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A stretch of `Document.text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Comment:
    """One reader comment. `depth` is None when the page shows no nesting."""

    index: int  # order on the page, from 0
    author: str | None
    depth: int | None
    text: str
    start: int
    end: int
    parent: int | None = None  # index of the comment replied to, when known


@dataclass(slots=True)
class Segmentation:
    """A page split into its parts. Only `body` is read for article events."""

    title: TextSpan | None = None
    caption: TextSpan | None = None
    body: list[TextSpan] = field(default_factory=list)  # paragraphs in order
    boilerplate: list[TextSpan] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `sitrep segment --format json` shape used by outside evaluations."""
        return {
            "title": self.title.text if self.title else None,
            "caption": self.caption.text if self.caption else None,
            "body": [p.text for p in self.body],
            "boilerplate": [b.text for b in self.boilerplate],
            "comments": [
                {"author": c.author, "depth": c.depth, "text": c.text} for c in self.comments
            ],
        }


@dataclass(slots=True)
class Document:
    """A segmented page: the unit that NLP, events and the store work on."""

    doc_id: str  # content hash, see sitrep.ingest.hashing
    name: str
    origin: str
    text: str
    meta: DocMeta
    segmentation: Segmentation
    fmt: str = "text"  # "text" | "html"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where one event field was read: a span of `Document.text`."""

    field: str  # "trigger", "actor1", "actor2", "location", "date", "fatalities", "claimed_by", "sentence"
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    """One event report read from one document, named as in ACLED's codebook.

    `fatalities` is None when the text gives no number (never 0 by default).
    `certainty` is one of reported / claimed / alleged / rumoured; `claimed_by`
    names the source the article credits with it (None = the outlet itself).
    """

    event_id: str
    doc_id: str
    event_date: date | None
    time_precision: int | None  # ACLED's: 1 the day, 2 the week, 3 the month or less precise
    event_type: str
    sub_event_type: str
    actor1: str | None
    inter1: int | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_2: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    source: str | None = None
    notes: str = ""
    certainty: str = "reported"
    claimed_by: str | None = None
    plover_type: str | None = None
    date_inferred: bool = False
    rule_id: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    # 1.0 when every field came from the parse; lower for each field a fallback filled
    confidence: float = 1.0
    # which fields a fallback filled ("location:paragraph", "actor1:unidentified", "no_actor")
    fallbacks: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["event_date"] = self.event_date.isoformat() if self.event_date else None
        return d


@dataclass(slots=True)
class Statement:
    """A non-event statement kept for context: a threat, plan or prediction."""

    doc_id: str
    kind: str  # "threat" | "plan" | "prediction" | "hypothetical"
    text: str
    start: int
    end: int
    actor: str | None = None
