"""Event extraction: body paragraphs -> ACLED-style events with evidence.

Public API:

* `EventExtractor(nlp, actor_resolver, place_resolver, lexicon=None, timex=None)`
  with `.extract(docs, batch_size=...) -> Iterator[(Document, [Event], [Statement])]`;
* `load_extractor()` - the shipped model, ontology, gazetteer and lexicons;
* `run_documents(docs, extractor) -> list[(Document, [Event], [Statement])]`;
* `load_lexicon()` - the trigger lexicon and cue lists (`data/events/*.yaml`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.events.extract import EventExtractor
from sitrep.events.lexicon import EventLexicon, load_lexicon
from sitrep.records import Document, Event, Statement


def load_extractor(model: str | None = None) -> EventExtractor:
    """Load the spaCy model, actor ontology, gazetteer and lexicons once."""
    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.resolve import PlaceResolver
    from sitrep.knowledge.actors import ActorResolver, load_ontology
    from sitrep.nlp import DEFAULT_MODEL, load_nlp

    actors = ActorResolver(load_ontology())
    nlp = load_nlp(model or DEFAULT_MODEL, actor_forms=actors.surface_forms())
    return EventExtractor(nlp, actors, PlaceResolver(load_gazetteer()))


def run_documents(docs: Iterable[Document], resources: EventExtractor | None = None
                  ) -> list[tuple[Document, list[Event], list[Statement]]]:
    """Extract events from documents (loads the default extractor when none is given)."""
    extractor = resources or load_extractor()
    return [(d, list(ev), list(st)) for d, ev, st in extractor.extract(docs)]


__all__ = ["EventExtractor", "EventLexicon", "load_extractor", "load_lexicon", "run_documents"]
