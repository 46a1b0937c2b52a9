"""Generated hostile input for every stage that reads outside text (#15 fuzz suite).

Each target states what must hold for any input: a reader yields documents or skips with a
known reason and never raises; segmentation keeps every span inside the text it points
into; the date parser gives dates within timex's year range with an ACLED precision; the
geocoder and the actor resolver give a well-formed match or nothing. Inputs are built from
random text mixed with the shapes each stage looks for (news lines, tags, JSON values,
WARC headers), so the generator reaches past the first check.
"""

from __future__ import annotations

import gzip
import itertools
import json
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sitrep import errors
from sitrep.records import Document, RawDoc, Skip

from .conftest import fuzz_settings

FUZZ = fuzz_settings()
SKIP_REASONS = {v for k, v in vars(errors).items() if k.startswith("SKIP_")}
_counter = itertools.count()

# -- building blocks -------------------------------------------------------------------

WORDS = st.sampled_from([
    "Syrian", "army", "shelled", "Idlib", "on", "Monday", "killing", "3", "civilians", "said", "HTS",
    "Reply", "says:", "June", "7", "2020", "last", "week", "near", "the", "village", "of", "al-Bab",
    "Kafr", "Nabl", "Deir", "ez-Zor", "SDF", "YPG", "Turkish-backed", "rebels", "(SOHR)", "Donate",
    "$", "BTC:", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "ago", "2", "days", "-", "—", "…", "“", "”",
    "\u200b", "\ufeff", "ب", "حلب", "0", "9999", "00:00", "http://x", "@user", "#tag", "|", ":",
])  # fmt: skip
LINE = st.one_of(
    st.lists(WORDS, min_size=0, max_size=25).map(" ".join),
    st.text(max_size=120),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)
TEXT = st.lists(LINE, max_size=30).map("\n".join) | st.text(max_size=2000)


def _html_node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.sampled_from(["div", "p", "article", "span", "li", "ul", "h1", "h2", "section", "script",
                            "style", "a", "b", "blockquote", "figcaption", "br", "table", "td"])  # fmt: skip
    attrs = st.sampled_from(["", ' class="comment"', ' class="entry-content"', ' itemprop="articleBody"',
                             ' class="comment-author"', ' class="comments"', ' id="respond"', " class='x"])  # fmt: skip
    return st.builds(lambda t, a, inner, close: f"<{t}{a}>{inner}" + (f"</{t}>" if close else ""),
                     tags, attrs, children, st.booleans())  # fmt: skip


HTML_BODY = st.recursive(LINE, lambda kids: st.lists(_html_node(kids), max_size=5).map("".join), max_leaves=40)
HTML = st.builds(
    lambda head, body, junk: f"<html><head>{head}</head><body>{body}</body></html>{junk}",
    st.sampled_from(["", "<title>T</title>", '<meta property="article:published_time" content="2020-06-08">',
                     '<meta charset="latin-1">', '<meta name="date" content="0000-13-45">']),  # fmt: skip
    HTML_BODY,
    st.sampled_from(["", "<", "<!--", "</div>" * 3, "<![CDATA["]),
) | st.text(max_size=500)

JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=60),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
    max_leaves=12,
)
RECORD = st.fixed_dictionaries(
    {},
    optional={
        "id": JSON_VALUE, "text": TEXT | JSON_VALUE, "html": HTML | JSON_VALUE, "title": LINE | JSON_VALUE,
        "published": st.sampled_from(["2020-06-08", "0000-01-01", "99999-01-01", "", "June 7", "2020-02-30"])
        | JSON_VALUE, "url": st.text(max_size=30) | JSON_VALUE, "source": LINE,
    },
)  # fmt: skip
JSONL_LINE = st.one_of(RECORD.map(json.dumps), JSON_VALUE.map(json.dumps), st.text(max_size=80),
                       st.just('{"text": "\\ud800 lone"}'), st.just("{"))  # fmt: skip


def _warc_record(uri: str, body: bytes, ctype: str, wtype: str, length_delta: int, rid: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode("utf-8", "replace") + b"\r\n\r\n" + body
    head = [b"WARC/1.0", b"WARC-Type: " + wtype.encode(), b"WARC-Target-URI: " + uri.encode("utf-8", "replace"),
            b"WARC-Record-ID: <urn:uuid:%d>" % rid, b"WARC-Date: 2020-06-08T00:00:00Z",
            b"Content-Type: application/http; msgtype=response",
            b"Content-Length: %d" % max(0, len(http) + length_delta)]  # fmt: skip
    return b"\r\n".join(head) + b"\r\n\r\n" + http + b"\r\n\r\n"


WARC_RECORD = st.builds(
    _warc_record,
    st.sampled_from(["http://example.org/a", "http://[::1", "", "not a uri", "http://x/\u00e9"]) | st.text(max_size=20),
    HTML.map(lambda h: h.encode("utf-8", "surrogatepass")) | st.binary(max_size=300),
    st.sampled_from(["text/html; charset=utf-8", "text/plain", "application/pdf", "text/html; charset=bogus", ""]),
    st.sampled_from(["response", "request", "resource", "metadata"]),
    st.sampled_from([0, 0, 0, -5, 7, -10_000]),
    st.integers(0, 10**6),
)


@st.composite
def warc_file(draw: st.DrawFn) -> bytes:
    records = draw(st.lists(WARC_RECORD, min_size=1, max_size=4))
    if draw(st.booleans()):
        data = b"".join(gzip.compress(r) for r in records)
    else:
        data = b"".join(records)
    if data and draw(st.booleans()):  # cut or corrupt somewhere
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] if draw(st.booleans()) else data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]
    return data


# -- helpers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def _read(workdir, suffix: str, data: bytes) -> list[RawDoc | Skip]:
    from sitrep.ingest import read_inputs

    path = workdir / f"case{next(_counter)}{suffix}"
    path.write_bytes(data)
    try:
        items = list(read_inputs([path]))
    finally:
        path.unlink()
    for item in items:
        assert isinstance(item, (RawDoc, Skip)), item
        if isinstance(item, Skip):
            assert item.reason in SKIP_REASONS, item
            assert "\n" not in item.message, item  # one line per skip
        else:
            assert isinstance(item.content, str)
    return items


def _check_document(doc: Document) -> None:
    seg = doc.segmentation
    spans = [s for s in (seg.title, seg.caption) if s is not None] + list(seg.body) + list(seg.boilerplate)
    for s in spans:
        assert 0 <= s.start <= s.end <= len(doc.text), (s, len(doc.text))
        assert doc.text[s.start : s.end] == s.text, s
    for c in seg.comments:
        assert 0 <= c.start <= c.end <= len(doc.text), c
    for a, b in zip(seg.body, seg.body[1:]):
        assert a.end <= b.start, (a, b)  # paragraphs in order, not overlapping


# -- readers ---------------------------------------------------------------------------


@FUZZ
@given(data=TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=600))
def test_reader_text(workdir, stats, data):
    with stats.case("reader_text"):
        _read(workdir, ".txt", data)


@FUZZ
@given(html=HTML, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
@example(html="<html><body>" + "<div>" * 400 + "<p>Deep text.</p></body></html>", encoding="utf-8")  # item 5
def test_reader_html(workdir, stats, html, encoding):
    with stats.case("reader_html"):
        items = _read(workdir, ".html", html.encode(encoding, "replace"))
        if "Deep text." in html and "<div>" * 400 in html:
            assert [type(i) for i in items] == [RawDoc]


@FUZZ
@given(lines=st.lists(JSONL_LINE, max_size=6), sep=st.sampled_from(["\n", "\r\n"]))
def test_reader_jsonl(workdir, stats, lines, sep):
    with stats.case("reader_jsonl"):
        _read(workdir, ".jsonl", sep.join(lines).encode("utf-8", "surrogatepass"))


@FUZZ
@given(data=warc_file())
def test_reader_warc(workdir, stats, data):
    with stats.case("reader_warc"):
        _read(workdir, ".warc", data)


# -- segmenter -------------------------------------------------------------------------


@FUZZ
@given(text=TEXT, html=HTML, as_html=st.booleans(), title=st.none() | LINE)
def test_segmenter(stats, text, html, as_html, title):
    from sitrep.records import DocMeta
    from sitrep.segment import segment

    raw = RawDoc("p", "/fuzz/p", html=html, meta=DocMeta(title=title)) if as_html else RawDoc(
        "p", "/fuzz/p", text=text, meta=DocMeta(title=title))  # fmt: skip
    with stats.case("segmenter"):
        _check_document(segment(raw, "id"))


# -- date parser -----------------------------------------------------------------------

DATES = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)) | st.sampled_from(
    [date(1, 1, 1), date(9999, 12, 31), date(1900, 1, 1), date(2100, 12, 31), date(2020, 2, 29)])  # fmt: skip


@FUZZ
@given(text=TEXT, published=DATES, previous=DATES, year_hint=st.none() | st.integers(-10**6, 10**6))
def test_date_parser(stats, text, published, previous, year_hint):
    from sitrep.timex import MAX_YEAR, MIN_YEAR, find_timex, normalise

    with stats.case("date_parser"):
        found = find_timex(text)
        for t in found:
            assert text[t.start : t.end] == t.text
            when, precision, inferred = normalise(t.text, published, previous, year_hint)
            assert precision in (1, 2, 3)
            assert isinstance(inferred, bool)
            assert when is None or MIN_YEAR <= when.year <= MAX_YEAR, (t, when)


# -- geocoder and actor resolver --------------------------------------------------------


@pytest.fixture(scope="module")
def places():
    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.resolve import PlaceResolver

    return PlaceResolver(load_gazetteer())


PHRASE = st.one_of(
    st.lists(WORDS | st.sampled_from(["north", "of", "in", ",", "/", "(", ")", "governorate", "countryside",
                                      "Aleppo", "Big", "Lower", "quarter", "al-", "Tal", "Jisr"]),
             max_size=8).map(" ".join),
    st.text(max_size=60),
)  # fmt: skip


@FUZZ
@given(phrase=PHRASE, near=st.none() | PHRASE)
def test_geocoder(places, stats, phrase, near):
    from sitrep.geo.resolve import PlaceContext

    with stats.case("geocoder"):
        ctx = PlaceContext()
        if near is not None and (anchor := places.resolve_phrase(near)) is not None:
            ctx = PlaceContext(admin1_hints=(anchor.admin1,) if anchor.admin1 else (),
                               focus=(anchor.latitude, anchor.longitude))  # fmt: skip
        m = places.resolve_phrase(phrase, ctx)
        if m is not None:
            assert -90 <= m.latitude <= 90 and -180 <= m.longitude <= 180, m
            assert m.geo_precision in (1, 2, 3), m
            assert m.name


@pytest.fixture(scope="module")
def actors():
    from sitrep.knowledge.actors import ActorResolver, load_ontology

    return ActorResolver(load_ontology())


@FUZZ
@given(text=PHRASE, country=st.sampled_from([None, "SY", "IQ", "", "xx"]), when=DATES)
def test_actor_resolver(actors, stats, text, country, when):
    from sitrep.knowledge.actors import ActorContext

    with stats.case("actor_resolver"):
        m = actors.resolve(text, ActorContext(country=country, date=when))
        if m is not None:
            assert m.name and m.actor_id, m
            assert isinstance(m.inter, int), m
            actors.search(text)


def test_the_suite_covers_every_target():
    names = {n for n in globals() if n.startswith("test_")}
    assert {"test_reader_text", "test_reader_html", "test_reader_jsonl", "test_reader_warc", "test_segmenter",
            "test_date_parser", "test_geocoder", "test_actor_resolver"} <= names  # fmt: skip
