"""Regex gates: the words a cue pattern cannot match without, read from its regex."""

from __future__ import annotations

import dataclasses
import re

from sitrep.comments.lexicon import load_abuse_lexicon
from sitrep.comments.toxicity import score_text
from sitrep.demo_run import demo_dir
from sitrep.graph.relations import extract_relations, load_relation_rules
from sitrep.knowledge.actors import ActorResolver, load_ontology
from sitrep.records import Document
from sitrep.regexgate import passes, required_literals
from sitrep.runner import documents


def gate(pattern: str, flags: int = 0) -> frozenset[str] | None:
    return required_literals(re.compile(pattern, flags))


def test_gate_is_the_longest_required_word_set() -> None:
    assert gate(r"(?P<a>[A-Z]\w+)\s+(?:backed|supported)\s+by\s+(?P<b>[A-Z]\w+)") == {"backed", "supported"}
    assert gate(r"x?abc") == {"abc"}  # an optional part is not required
    assert gate(r"(?:foo|\w+)bar") == {"bar"}  # one alternative needs no word, so the branch gives none
    assert gate(r"(?:ab)+cd?") == {"ab"}  # a repeat of at least one keeps its words; 'c' is shorter
    assert gate(r"members?\s+of") == {"member"}


def test_no_gate_where_a_match_needs_no_fixed_word() -> None:
    assert gate(r"[A-Z][a-z]+") is None
    assert gate(r"(?:ab)*") is None
    assert gate(r"backed", re.IGNORECASE) is None  # case-folded text would slip past a substring test
    assert gate(r"(?i:backed)\s+by") == {"by"}  # only the case-sensitive part is used


def test_passes() -> None:
    assert passes(None, "anything")
    assert passes(frozenset({"backed", "armed"}), "the Turkish-armed group")
    assert not passes(frozenset({"backed", "armed"}), "the group withdrew")


def test_every_shipped_cue_is_gated() -> None:
    cues = load_relation_rules().cues
    assert cues and all(c.gate for c in cues), [c.pattern.pattern[:60] for c in cues if not c.gate]
    for c in cues:  # each gate word really is needed: a sentence without them has no match
        assert all(c.pattern.search(w) is None for w in c.gate)


def test_gates_change_no_relation_on_the_demo_pages() -> None:
    docs = [d for d in documents([demo_dir() / "pages"]) if isinstance(d, Document)]
    resolver = ActorResolver(load_ontology())
    gated = load_relation_rules()
    ungated = dataclasses.replace(gated, cues=tuple(dataclasses.replace(c, gate=None) for c in gated.cues))
    with_gates = [extract_relations(d, resolver, rules=gated) for d in docs]
    assert with_gates == [extract_relations(d, resolver, rules=ungated) for d in docs]
    assert sum(map(len, with_gates)) > 0  # the pages do state relations


def test_abuse_phrases_are_gated_and_score_the_same() -> None:
    lex = load_abuse_lexicon()
    assert lex.phrases and all(p.gate for p in lex.phrases)
    ungated = dataclasses.replace(lex, phrases=[dataclasses.replace(p, gate=None) for p in lex.phrases])
    docs = [d for d in documents([demo_dir() / "pages"]) if isinstance(d, Document)]
    texts = [c.text for d in docs for c in d.segmentation.comments] + [
        "we will hunt you down", "watch your back, we know where you live", "death to the traitors"
    ]
    gated_scores = [score_text(t, lex) for t in texts]
    assert gated_scores == [score_text(t, ungated) for t in texts]
    assert sum(1 for r in gated_scores[-3:] if r.hits) == 3  # the phrases still fire through their gates
