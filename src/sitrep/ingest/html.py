"""HTML pages: keep the raw markup, read the metadata the page states about itself.

Text extraction is the segmenter's job; here we only need to know that the page
has *some* body text (so an empty shell or a redirect stub is skipped with a
reason) and what its meta tags say about URL, outlet, date, language and title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from sitrep.errors import SKIP_BINARY, SKIP_EMPTY, SKIP_ENCODING, SKIP_NO_TEXT
from sitrep.ingest import deep_html, metatags
from sitrep.ingest.dates import SOURCE_DATELINE, SOURCE_META, parse_iso_date
from sitrep.ingest.files import read_bytes_limited
from sitrep.ingest.sniff import declared_charset, decode_bytes, looks_binary
from sitrep.records import DocMeta, RawDoc, Skip

# JSON-LD blocks can nest (@graph, lists of entities); this bounds the walk so a
# pathological block cannot recurse without end. Real pages nest 3-4 levels.
JSONLD_MAX_DEPTH = 8

_WS = re.compile(r"\s+")
_NON_TEXT_XPATH = etree.XPath(
    "//body//text()[not("
    + " or ".join(f"ancestor::{tag}" for tag in metatags.NON_TEXT_TAGS)
    + ")]"
)


def parse_html(html: str) -> Any | None:
    """An lxml tree for the page, or None when lxml cannot build one.

    The string is re-encoded as UTF-8 and the parser told so, because lxml refuses
    str input carrying an XML encoding declaration and would otherwise trust a
    <meta charset> that no longer applies to already-decoded text.
    """
    def build(markup: str, parser: Any) -> Any:
        return lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"), parser=parser)

    try:
        # flattened and parsed again when it nests deeper than libxml2's limit (deep_html)
        return deep_html.parse(html, build, encoding="utf-8")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def has_body_text(tree: Any) -> bool:
    """True when the page's body holds any visible text outside scripts and styles."""
    return any(chunk.strip() for chunk in _NON_TEXT_XPATH(tree))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _WS.sub(" ", value).strip()
    return value or None


def _meta_values(tree: Any) -> dict[str, str]:
    """First non-empty `content` per lower-cased meta key (property, name, itemprop, http-equiv)."""
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = _clean(meta.get("content"))
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                values.setdefault(key.strip().lower(), content)
    return values


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in values:
            return values[key]
    return None


def _absolute_url(value: str | None, base_url: str | None) -> str | None:
    if not value:
        return None
    if base_url:
        value = urljoin(base_url, value)
    return value if re.match(r"^https?://", value, re.IGNORECASE) else None


def _page_url(tree: Any, metas: dict[str, str], base_url: str | None) -> str | None:
    url = _absolute_url(_first(metas, metatags.URL_META), base_url)
    if url:
        return url
    for link in tree.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        if any(rel in rels for rel in metatags.URL_LINK_RELS):
            url = _absolute_url(_clean(link.get("href")), base_url)
            if url:
                return url
    return None


def _jsonld_dates(node: Any, depth: int = 0) -> Iterator[str]:
    if depth > JSONLD_MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            yield from _jsonld_dates(item, depth + 1)
    elif isinstance(node, dict):
        for key in metatags.PUBLISHED_JSONLD:
            value = node.get(key)
            if isinstance(value, str):
                yield value
        for value in node.values():
            if isinstance(value, (list, dict)):
                yield from _jsonld_dates(value, depth + 1)


def _published(tree: Any, metas: dict[str, str]) -> date | None:
    """The page's own publication date: meta tags, microdata, JSON-LD, then <time>.

    JSON-LD is tried before bare <time> elements because a page shows many times
    (comments, "today" in the header) but its JSON-LD describes the article.
    """
    for key in metatags.PUBLISHED_META:
        found = parse_iso_date(metas.get(key))
        if found:
            return found
    for el in tree.iter():
        itemprop = el.get("itemprop") if isinstance(el.tag, str) else None
        if itemprop and itemprop.strip().lower() in metatags.PUBLISHED_ITEMPROP:
            found = parse_iso_date(el.get("datetime") or el.get("content"))
            if found:
                return found
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for value in _jsonld_dates(data):
            found = parse_iso_date(value)
            if found:
                return found
    times = [t for t in tree.iter("time") if t.get("datetime")]
    flagged = [t for t in times if t.get("pubdate") is not None]
    for t in flagged + times:
        found = parse_iso_date(t.get("datetime"))
        if found:
            return found
    return None


def primary_language(tag: str | None) -> str | None:
    """'en-US' / 'en_GB' -> 'en': the manifest and the NLP stage key on the primary subtag."""
    tag = _clean(tag)
    if not tag:
        return None
    primary = re.split(r"[-_]", tag, maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def html_meta(tree: Any, base_url: str | None = None) -> DocMeta:
    """Metadata the page states about itself (absent fields stay None)."""
    metas = _meta_values(tree)
    root = tree.getroottree().getroot()
    language = primary_language(
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    ) or primary_language(_first(metas, metatags.LANGUAGE_META))
    title_el = root.find(".//title")
    title = _clean(title_el.text_content()) if title_el is not None else None
    url = _page_url(tree, metas, base_url)
    published, published_source = _published(tree, metas), SOURCE_META
    if published is None:
        from sitrep.ingest.pubdate import html_stated_date

        published, published_source = html_stated_date(tree, url), SOURCE_DATELINE
    return DocMeta(
        url=url,
        source=_first(metas, metatags.SOURCE_META),
        published=published,
        language=language,
        title=title or _first(metas, metatags.TITLE_META),
        published_source=published_source if published else None,
    )


def html_doc(
    html: str,
    name: str,
    origin: str,
    meta: DocMeta | None = None,
    base_url: str | None = None,
) -> RawDoc | Skip:
    """A RawDoc for decoded HTML; `meta` (stated by the container) wins over the page's own."""
    if html.startswith("\ufeff"):
        html = html[1:]
    tree = parse_html(html)
    if tree is None or not has_body_text(tree):
        return Skip(origin, SKIP_NO_TEXT, "HTML page has no body text")
    own = html_meta(tree, base_url=base_url)
    return RawDoc(name=name, origin=origin, html=html, meta=(meta or DocMeta()).merged(own))


def html_doc_from_bytes(
    data: bytes,
    name: str,
    origin: str,
    charset: str | None = None,
    meta: DocMeta | None = None,
    base_url: str | None = None,
) -> RawDoc | Skip:
    """Decode HTML bytes (HTTP charset, then <meta charset>, then guesses) into a RawDoc."""
    decoded = decode_bytes(data, hint=charset or declared_charset(data))
    if decoded is None:
        return Skip(origin, SKIP_ENCODING, "HTML is not in any recognisable text encoding")
    return html_doc(decoded.text, name, origin, meta=meta, base_url=base_url)


def read_html(path: Path, name: str | None = None) -> Iterator[RawDoc | Skip]:
    """Read one .html/.htm file (size-checked before reading)."""
    data = read_bytes_limited(path)
    if isinstance(data, Skip):
        yield data
        return
    if not data.strip():
        yield Skip(str(path), SKIP_EMPTY, "file is empty")
        return
    if looks_binary(data):
        yield Skip(str(path), SKIP_BINARY, "file named as HTML holds binary data")
        return
    yield html_doc_from_bytes(data, name or path.name, str(path))
