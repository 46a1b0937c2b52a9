"""The slots the event components read and write.

Three scopes, each a plain dataclass so a component can be tested on a tiny doc:

* `DocState` - what the article has said so far (actors, places, dates, claimant,
  events), shared by every sentence of one document;
* `SentenceState` - one sentence with the claimant, certainty and date that scope
  over it;
* `Mention` - one candidate event mention (a trigger) and the slots the stages fill:
  rule, modality, roles, place, codes, date, claim, fatalities, confidence and the
  fields that came from a fallback rather than from the parse.

A stage stops a mention by setting `Mention.drop` to a reason; the reason is kept
(`Mention.trace`) so a dropped trigger can always be explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Span, Token

from sitrep.records import Document, Event


@dataclass(slots=True)
class ActorRef:
    """A resolved actor mention (name and inter code from the ontology)."""

    name: str
    inter: int | None
    generic: bool
    span: Span | None
    actor_id: str = ""


@dataclass(slots=True)
class PlaceRef:
    """A resolved place phrase with its character offsets in the document."""

    match: Any  # sitrep.geo PlaceMatch
    span: Span | None
    char_start: int
    char_end: int


# A strike whose named perpetrator had no place: (actor, event type, sub-event type,
# paragraph doc, end token of its sentence, number of events then)
Unplaced = tuple[Any, str, str, Any, int, int]
# (date, precision, inferred, evidence span)
SentenceDate = tuple[date, int, bool, Span]
Claimant = tuple[str, Span | None]


@dataclass(slots=True)
class DocState:
    document: Document
    actor_ctx: Any
    n_sentences: int = 0  # sentences in the document's body: a short report has no other place to fall back on
    names_a_place: bool = False  # the body names a place (a place entity, or a proper name after a place word)
    last_actors: list[ActorRef] = field(default_factory=list)
    last_claimant: Claimant | None = None
    previous_date: tuple[date, int] | None = None
    last_place: PlaceRef | None = None
    main_place: PlaceRef | None = None  # the first place of the article: "the town" refers to it
    defaulted: set[str] = field(default_factory=set)  # event ids whose actor1 is a stand-in
    admin1_hints: list[str] = field(default_factory=list)
    country: str | None = None  # the report's own conflict when its armed groups say it is not the default's
    year_hint: int | None = None
    actor_cache: dict[str, Any] = field(default_factory=dict)
    speaker_levels: dict[str, str] = field(default_factory=dict)  # person name word -> claim level
    events: list[Event] = field(default_factory=list)  # the article's events so far (earlier sentences)
    par_from: int = 0  # index in `events` of the current paragraph's first event
    unplaced: Unplaced | None = None
    # the events of the sentence just read, when it had any: a casualty sentence
    # right after it ("Three fighters were killed.") may give them their toll
    just_found: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class SentenceState:
    span: Span
    par_start: int
    claimant: Claimant | None = None
    certainty: set[str] = field(default_factory=set)
    cues: list[Span] = field(default_factory=list)
    date: SentenceDate | None = None


@dataclass(slots=True)
class ParagraphState:
    """Per-paragraph inputs every mention of the paragraph reads."""

    mentions: dict[int, ActorRef]
    quotes: list[tuple[int, int, Claimant]]
    triggers: list[Span]
    place: PlaceRef | None = None


@dataclass(slots=True)
class Mention:
    """One trigger on its way to becoming an event (or a statement, or nothing)."""

    trig: Span
    head: Token
    rule: Any = None  # TriggerRule
    kind: str | None = None  # statement kind (plan, threat, prediction...) when not an event
    drop: str | None = None  # why this mention gives no event
    misparsed: tuple[Token, Token] | None = None
    verb: Token | None = None
    a1s: list[ActorRef] = field(default_factory=list)
    a2s: list[ActorRef] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    stand_in: bool = False
    unplaced: Unplaced | None = None
    place: PlaceRef | None = None
    place_how: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    plover: str | None = None
    event_date: date | None = None
    time_precision: int | None = None
    date_inferred: bool = False
    date_span: Span | None = None
    claimant: Claimant | None = None
    certainty: str = "reported"
    fatalities: int | None = None
    fatalities_span: tuple[int, int] | None = None
    fallbacks: list[str] = field(default_factory=list)  # fields filled by a fallback, not the parse
    confidence: float = 1.0
    statement: Any = None  # sitrep.records.Statement when the mention is one
    event: Event | None = None
    trace: list[str] = field(default_factory=list)  # stage names run, and the drop reason

    def stop(self, reason: str) -> None:
        self.drop = reason
        self.trace.append(f"drop:{reason}")
