"""Rule layers as registered spaCy components.

Each component finds its matches (`match`) apart from writing them
(`set_annotations`) and writes one `doc.spans[...]` key of its own:

* ``sitrep_actor_mentions`` -> ``doc.spans["sitrep_actors"]``: ontology surface forms
  (PhraseMatcher on LOWER, apostrophes normalised; ``kb_id_`` = actor id, label
  ``ACTOR``), then NER entities of the configured labels that do not overlap them
  (label = the NER label), then bare acronyms (label ``ACRONYM``).
* ``sitrep_acronyms`` -> ``doc.spans["sitrep_acronym_defs"]``: "Long Name (ACR)"
  definitions; the span is the long name, its label the acronym.
* ``sitrep_triggers`` -> ``doc.spans["sitrep_triggers"]``: trigger phrases from
  ``data/events/triggers.yaml`` (label = rule id, or ids joined by "|" when several
  rules list the same phrase).
* ``sitrep_cues`` -> ``doc.spans["sitrep_cues"]``: modality / certainty / negation /
  habitual / coreference cues from ``data/events/cues.yaml``.
* ``sitrep_timex`` -> ``doc.spans["sitrep_timex"]``: time expressions (label = kind).

Phrase lookups are keyed on the first word (dict), so every layer is linear in the
number of tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from sitrep.events.lexicon import EventLexicon, load_lexicon, phrase_tokens
from sitrep.timex import TimexParser, load_timex_parser

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


class LemmaPhraseIndex:
    """Phrases as lemma sequences, matched on a token's lemma or lower form.

    With `max_gap` > 0 a phrase that starts on a verb may skip up to that many tokens
    whose part of speech is in `gap_pos` after its first word ("blew themselves up",
    "took full control", "downed two drones"); an exact match is preferred.
    """

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], str]], max_gap: int = 0,
                 gap_pos: Iterable[str] = ()) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for words, label in phrases:
            if words:
                self._by_first.setdefault(words[0], []).append((words, label))
        for v in self._by_first.values():
            v.sort(key=lambda x: -len(x[0]))
        self.max_gap = max_gap
        self.gap_pos = frozenset(gap_pos)

    @staticmethod
    def _keys(tok) -> tuple[str, str]:
        return tok.lemma_.lower().translate(APOSTROPHES), tok.lower_.translate(APOSTROPHES)

    def _gapped(self, doc: Doc, keys: list[tuple[str, str]], i: int, words: tuple[str, ...]) -> int | None:
        """End of a match of `words` from token i that skips one run of gap tokens after word 1."""
        n = len(doc)
        for gap in range(1, self.max_gap + 1):
            j = i + 1 + gap
            if j + len(words) - 1 > n:
                return None
            if not all(doc[i + 1 + g].pos_ in self.gap_pos for g in range(gap)):
                return None
            if all(w in keys[j + k - 1] for k, w in enumerate(words) if k >= 1):
                return j + len(words) - 1
        return None

    def matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        """All (start, end, label) matches; at one start all phrases that fit."""
        keys = [self._keys(t) for t in doc]
        out: list[tuple[int, int, str]] = []
        n = len(doc)
        for i in range(n):
            cands = self._by_first.get(keys[i][0], []) + (
                self._by_first.get(keys[i][1], []) if keys[i][1] != keys[i][0] else []
            )
            for words, label in cands:
                end = i + len(words)
                if end <= n and all(w in keys[i + k] for k, w in enumerate(words)):
                    out.append((i, end, label))
                elif self.max_gap and len(words) > 1 and doc[i].pos_ == "VERB":
                    gend = self._gapped(doc, keys, i, words)
                    if gend is not None:
                        out.append((i, gend, label))
        return out


class SpanLayer:
    """A component that finds spans (`match`) apart from writing them to its own
    `doc.spans[spans_key]` slot (`set_annotations`), as spaCy's span ruler does."""

    spans_key: str

    def match(self, doc: Doc) -> list[Span]:
        raise NotImplementedError

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        doc.spans[self.spans_key] = spans

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


# ----------------------------------------------------------------------- actors
class ActorMentions(SpanLayer):
    def __init__(self, nlp: Language, name: str, spans_key: str, ner_labels: list[str],
                 acronym_max_len: int) -> None:
        self.name = name
        self.spans_key = spans_key
        self.ner_labels = frozenset(ner_labels)
        self.acronym_max_len = acronym_max_len
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._nlp = nlp
        self._n_forms = 0

    def add_forms(self, forms: Iterable[tuple[str, str]]) -> None:
        """Add (surface form, actor id) pairs; apostrophe variants are added too."""
        by_id: dict[str, set[str]] = {}
        for surface, actor_id in forms:
            s = surface.strip()
            if not s:
                continue
            by_id.setdefault(actor_id, set()).update({s, s.translate(APOSTROPHES), s.replace("'", "’")})
        for actor_id, surfaces in by_id.items():
            docs = [self._nlp.make_doc(s) for s in sorted(surfaces)]
            self.matcher.add(actor_id, docs)
            self._n_forms += len(docs)

    def match(self, doc: Doc) -> list[Span]:
        found = [Span(doc, s, e, label="ACTOR", kb_id=doc.vocab.strings[mid]) for mid, s, e in self.matcher(doc)]
        found = filter_spans(found)
        taken = {i for sp in found for i in range(sp.start, sp.end)}
        extra: list[Span] = []
        for ent in doc.ents:
            if ent.label_ in self.ner_labels and not any(i in taken for i in range(ent.start, ent.end)):
                extra.append(Span(doc, ent.start, ent.end, label=ent.label_))
                taken.update(range(ent.start, ent.end))
        for t in doc:
            txt = t.text
            if (t.i not in taken and 2 <= len(txt) <= self.acronym_max_len and txt.isupper()
                    and txt.isalpha()):
                extra.append(Span(doc, t.i, t.i + 1, label="ACRONYM"))
        return sorted(found + extra, key=lambda s: s.start)



@Language.factory(
    "sitrep_actor_mentions",
    default_config={
        "spans_key": "sitrep_actors",
        "ner_labels": ["ORG", "NORP", "GPE", "LOC", "FAC", "PERSON"],
        "acronym_max_len": 8,
    },
    assigns=["doc.spans"],
    requires=["doc.ents"],
)
def make_actor_mentions(nlp: Language, name: str, spans_key: str, ner_labels: list[str],
                        acronym_max_len: int) -> ActorMentions:
    return ActorMentions(nlp, name, spans_key, ner_labels, acronym_max_len)


# --------------------------------------------------------------------- acronyms
class AcronymDefinitions(SpanLayer):
    """"Long Name (ACR)": the run of capitalised words (and joiners) before "(ACR)"."""

    def __init__(self, name: str, spans_key: str, joiners: list[str], max_words: int) -> None:
        self.name = name
        self.spans_key = spans_key
        self.joiners = frozenset(j.lower() for j in joiners)
        self.max_words = max_words

    def match(self, doc: Doc) -> list[Span]:
        out: list[Span] = []
        for t in doc[:-2]:
            if t.text != "(":
                continue
            acr, close = doc[t.i + 1], doc[t.i + 2]
            if close.text != ")" or not (2 <= len(acr.text) <= 10) or not acr.text[0].isupper():
                continue
            if sum(c.isupper() for c in acr.text) < 2:
                continue
            j = t.i - 1
            start = t.i
            while j >= 0 and t.i - j <= self.max_words:
                w = doc[j]
                if w.text[:1].isupper() or w.lower_.translate(APOSTROPHES) in self.joiners:
                    start = j
                    j -= 1
                else:
                    break
            while start < t.i and doc[start].lower_.translate(APOSTROPHES) in self.joiners:
                start += 1
            if start < t.i:
                out.append(Span(doc, start, t.i, label=acr.text))
        return out



@Language.factory(
    "sitrep_acronyms",
    default_config={
        "spans_key": "sitrep_acronym_defs",
        "joiners": ["of", "al", "el", "ad", "ash", "as", "-", "'s", "for", "and", "the", "de", "'"],
        "max_words": 10,
    },
    assigns=["doc.spans"],
)
def make_acronyms(nlp: Language, name: str, spans_key: str, joiners: list[str], max_words: int) -> AcronymDefinitions:
    return AcronymDefinitions(name, spans_key, joiners, max_words)


# --------------------------------------------------------------- lemma phrases
class LemmaPhraseLayer(SpanLayer):
    """Writes lemma-phrase matches from the event lexicon to one spans key."""

    def __init__(self, name: str, spans_key: str, phrases: list[tuple[tuple[str, ...], str]],
                 longest_only: bool, max_gap: int = 0, gap_pos: Iterable[str] = ()) -> None:
        self.name = name
        self.spans_key = spans_key
        self.index = LemmaPhraseIndex(phrases, max_gap, gap_pos)
        self.longest_only = longest_only

    def match(self, doc: Doc) -> list[Span]:
        found = self.index.matches(doc)
        if not self.longest_only:
            return sorted((Span(doc, s, e, label=lab) for s, e, lab in found), key=lambda s: (s.start, s.end))
        # longest match wins; a phrase listed by several rules keeps all their ids, in
        # lexicon order, joined by "|" (the extractor tries them in turn)
        labels: dict[tuple[int, int], list[str]] = {}
        for s, e, lab in found:
            labs = labels.setdefault((s, e), [])
            if lab not in labs:
                labs.append(lab)
        spans = [Span(doc, s, e, label="|".join(labs)) for (s, e), labs in labels.items()]
        return sorted(filter_spans(spans), key=lambda s: (s.start, s.end))



def _lexicon(triggers_path: str | None, cues_path: str | None) -> EventLexicon:
    return load_lexicon(triggers_path or None, cues_path or None)


@Language.factory(
    "sitrep_triggers",
    default_config={"spans_key": "sitrep_triggers", "triggers_path": "", "cues_path": "", "max_gap": 2,
                    "gap_pos": ["PRON", "ADJ", "ADV", "DET", "NUM"]},
    assigns=["doc.spans"],
    requires=["token.lemma"],
)
def make_triggers(nlp: Language, name: str, spans_key: str, triggers_path: str, cues_path: str,
                  max_gap: int, gap_pos: list[str]) -> LemmaPhraseLayer:
    """Trigger phrases; a verb phrase may skip a pronoun/adjective/number ("took full control")."""
    lex = _lexicon(triggers_path, cues_path)
    return LemmaPhraseLayer(name, spans_key, lex.trigger_phrases(), longest_only=True, max_gap=max_gap,
                            gap_pos=gap_pos)


@Language.factory(
    "sitrep_cues",
    default_config={"spans_key": "sitrep_cues", "triggers_path": "", "cues_path": ""},
    assigns=["doc.spans"],
    requires=["token.lemma"],
)
def make_cues(nlp: Language, name: str, spans_key: str, triggers_path: str, cues_path: str) -> LemmaPhraseLayer:
    lex = _lexicon(triggers_path, cues_path)
    return LemmaPhraseLayer(name, spans_key, lex.cue_phrases, longest_only=False)


# ------------------------------------------------------------------------ timex
class TimexLayer(SpanLayer):
    def __init__(self, name: str, spans_key: str, parser: TimexParser) -> None:
        self.name = name
        self.spans_key = spans_key
        self.parser = parser

    def match(self, doc: Doc) -> list[Span]:
        out = []
        for tx in self.parser.find(doc.text):
            sp = doc.char_span(tx.start, tx.end, label=tx.kind, alignment_mode="expand")
            if sp is not None:
                out.append(sp)
        return out



@Language.factory(
    "sitrep_timex",
    default_config={"spans_key": "sitrep_timex", "vocab_path": ""},
    assigns=["doc.spans"],
)
def make_timex(nlp: Language, name: str, spans_key: str, vocab_path: str) -> TimexLayer:
    return TimexLayer(name, spans_key, load_timex_parser(vocab_path or None))


COMPONENTS: dict[str, dict[str, Any]] = {
    "sitrep_actor_mentions": {},
    "sitrep_acronyms": {},
    "sitrep_triggers": {},
    "sitrep_cues": {},
    "sitrep_timex": {},
}

__all__ = ["COMPONENTS", "LemmaPhraseIndex", "phrase_tokens"]
