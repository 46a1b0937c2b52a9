"""How many were killed: death counts from the parse, then patterns, then stated zeros.

`Fatalities.find` reads a sentence's toll from the parse first (the object of a kill
verb, the passive subject of "were killed": "a child and two women" = 3, "the
officer" = 1), then from number patterns around death words and toll words, then
stated zeros ("no one was hurt" = 0). Injured are not counted; a vague toll is None.
`follow_on` gives the previous sentence's single event the toll of an event-less
sentence right after it ("... shelled X. Four were killed.").
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from sitrep.events import roles as R
from sitrep.events.lexicon import EventLexicon
from sitrep.events.state import DocState, SentenceState
from sitrep.records import Evidence
from sitrep.timex import TimexParser


class Fatalities:
    """Numbers of people killed in a sentence (injured are not counted; vague -> None)."""

    def __init__(self, lex: EventLexicon, timex: TimexParser) -> None:
        f = lex.fatalities
        self.words = {k: v for k, v in timex.numbers.items() if k not in ("a", "an")}
        self.death_lemmas = frozenset(str(x) for x in f.get("death_lemmas") or ())
        self.one = frozenset(str(x) for x in f.get("one_determiners") or ())
        self.zero = [str(x).lower() for x in f.get("zero") or ()]
        self.follow_on_blockers = tuple(
            " ".join(str(b).lower().split()) for b in f.get("follow_on_blockers") or ())
        num = r"(?P<n>\d{1,4}|" + "|".join(sorted(map(re.escape, self.words), key=len, reverse=True)) + r")"
        alt = lambda xs: "|".join(sorted((r"\s+".join(map(re.escape, str(x).split())) for x in xs), key=len, reverse=True))  # noqa: E731
        filler = int(f.get("filler_max", 4))
        q = r"(?:(?:at\s+least|about|around|nearly|some|more\s+than|over|up\s+to)\s+)?"
        self.patterns = [
            re.compile(rf"(?i)\b(?:{alt(f['kill_verbs'])})\s+{q}{num}\b(?!\s*(?:%|percent))"),
            re.compile(rf"(?i)\b{num}\s+(?:[\w’'-]+\s+){{0,{filler}}}?(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?(?:{alt(f['death_words'])})\b"),
            re.compile(rf"(?i)\b(?:{alt(f['toll_words'])})\s+(?:\w+\s+){{0,2}}?(?:(?:to|at|of)\s+)?{q}{num}\b"),
        ]

    def _count(self, arg: Token) -> int | None:
        """People named by a casualty phrase: numbers and singular nouns, coordinated ones summed."""
        total = 0
        for c in R.conjuncts(arg):
            if c.pos_ == "NUM" and any(o.dep_ == "pobj" for _, o in R.prep_children(c, frozenset({"of"}))):
                raw = c.lower_
            else:
                nums = [x for x in c.children if x.dep_ == "nummod"]
                raw = nums[0].lower_ if nums else None
            if raw is not None:
                n = int(raw) if raw.isdigit() else self.words.get(raw)
                if n is None:
                    return None
                total += n
            elif c.tag_ in ("NN", "NNP") and any(x.dep_ in ("det", "poss", "nummod") and x.lower_ in self.one
                                                 for x in c.children):
                total += 1
            else:
                return None
        return total or None

    def _parsed(self, sent: Span, killer: Token | None, subject_dies: bool = False
                ) -> tuple[int | None, tuple[int, int] | None]:
        heads = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in self.death_lemmas]
        if killer is not None:
            heads.insert(0, killer)
        for v in heads:
            passive = R.is_passive(v)
            for c in (R.passive_subjects(v) if passive else v.children):
                if passive or (c.dep_ in R.OBJ or (
                        subject_dies and v is killer and c.dep_ in R.SUBJ)):
                    n = self._count(c)
                    if n is not None:
                        sp = R.span_of(list(c.subtree) + [v])
                        return n, (sp.start_char, sp.end_char)
        return None, None

    def find(self, sent: Span, killer: Token | None = None, subject_dies: bool = False
             ) -> tuple[int | None, tuple[int, int] | None]:
        """The death toll; `killer` is a trigger that kills its object (or, with `subject_dies`,
        its active subject: "a man died under torture")."""
        n, where = self._parsed(sent, killer, subject_dies)
        if n is not None:
            return n, where
        n, where = self._regex(sent)
        if n is not None:
            return n, where
        low = padded_words(sent.text)
        for z in self.zero:
            if f" {z} " in low:
                i = sent.text.lower().find(z.split()[0])
                return 0, (sent.start_char + max(i, 0), sent.start_char + max(i, 0) + len(z))
        return None, None

    def _regex(self, sent: Span) -> tuple[int | None, tuple[int, int] | None]:
        text = sent.text
        for rx in self.patterns:
            m = rx.search(text)
            if m:
                raw = m.group("n").lower()
                n = int(raw) if raw.isdigit() else self.words.get(raw)
                if n is None or (raw.isdigit() and 1900 <= n <= 2100):
                    continue
                return n, (sent.start_char + m.start(), sent.start_char + m.end())
        return None, None

    def follow_on(self, st: DocState, s: SentenceState, s_date: Any) -> bool:
        """Give the previous sentence's single event the death count of this event-less sentence.

        News states the toll after the act ("Drones struck a car near X. Three
        fighters were killed."). Only the sentence right after one event, only
        when that event has no count yet, and not when this sentence dates
        itself otherwise, names a place the event's sentence does not, or says
        it is about another incident (cue words in the lexicon's fatalities).
        """
        if len(st.just_found) != 1 or st.just_found[0].fatalities is not None:
            return False
        ev = st.just_found[0]
        low = padded_words(s.span.text)
        if any(f" {b} " in low for b in self.follow_on_blockers):
            return False
        if s_date is not None and s_date[0] != ev.event_date:
            return False
        ev_text = (ev.notes or "").lower()
        if any(e.label_ in ("GPE", "LOC", "FAC") and e.text.lower() not in ev_text for e in s.span.ents):
            return False
        n, where = self.find(s.span)
        if n is None or where is None:
            return False
        ps = s.par_start
        ev.fatalities = n
        ev.evidence.append(Evidence("fatalities", ps + where[0], ps + where[1], s.span.doc.text[where[0]:where[1]]))
        return True


def padded_words(text: str) -> str:
    """Lower-cased words separated and surrounded by single spaces, for whole-phrase tests (f" {phrase} " in it)."""
    return " " + re.sub(r"[^\w']+", " ", text.lower()) + " "

