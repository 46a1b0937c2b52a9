"""When: the time expression that dates a sentence's events.

The first time expression of the sentence, normalised against the publication
date, the previous date and the article's year; "the same day" keeps the previous
precision; a date on a reporting verb ("activists said on Monday that ... over the
weekend") yields to the clause's own when the sentence has both.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span

from sitrep.events.claims import ClaimReader
from sitrep.events.state import DocState, SentenceDate
from sitrep.timex import TimexParser


def sentence_date(timex: TimexParser, claims: ClaimReader, st: DocState, sent: Span,
                  timexes: list[Span]) -> SentenceDate | None:
    s_dates: list[tuple[date, int, bool, Span]] = []
    for tx in timexes:
        if sent.start <= tx.start < sent.end:
            if tx.label_ == "year":
                continue
            prev = st.previous_date[0] if st.previous_date else None
            d, prec, inferred = timex.normalise(tx.text, st.document.meta.published, prev, st.year_hint)
            if d is not None:
                if tx.label_ == "same" and st.previous_date:
                    prec = st.previous_date[1]
                s_dates.append((d, prec, inferred, tx))
    s_date = s_dates[0] if s_dates else None
    if len(s_dates) > 1 and claims.claim_timex(s_date[3]):
        s_date = next((x for x in s_dates if not claims.claim_timex(x[3])), s_date)
    return s_date
