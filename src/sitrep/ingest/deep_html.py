"""Parse HTML that nests deeper than libxml2 allows without losing its text.

Why: libxml2 stops building the tree at 256 nested elements ("Excessive depth in
document: 256"); everything below, and everything after, was lost, so a page
wrapped in a few hundred <div>s read as "no body text". The parser's
`huge_tree` mode lifts the limit only to ~2,048 and leaves a tree deeper than
Python's recursion limit for the segmenter's walks. So: parse as usual; when the
parser reports that limit, drop the markup tags below `MAX_DEPTH` (keeping their
text, and <p> tags, which never nest), and parse the flattened page again. Pages
within the limit are parsed exactly as before.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import lxml.html

log = logging.getLogger(__name__)

# Element depth kept when a page is flattened: well under libxml2's 256 and under
# Python's recursion limit (1,000) for the segmenter's recursive comment walk. Real
# article pages nest 20-40 elements deep.
MAX_DEPTH = 180

# A tag: '<' name or '</' name, attributes without '<' or '>' (bounded by the next
# '<', so a stray '<' costs a short scan, never a rescan of the page), '>'.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^<>]*)>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)  # fmt: skip
# Kept below the limit so paragraphs stay paragraphs; an open <p> is closed by the next.
_KEPT_DEEP = frozenset({"p"})
_DEPTH_ERROR = "excessive depth"
# Closing tags are matched to the nearest open tag of that name within this many
# open tags (real pages close what they open; a stray closing tag is dropped).
_MATCH_WINDOW = 64


def too_deep(parser: Any) -> bool:
    """True when `parser`'s last run stopped at libxml2's nesting limit."""
    return any(_DEPTH_ERROR in (e.message or "").lower() for e in parser.error_log)


def flatten(html: str, max_depth: int = MAX_DEPTH) -> str:
    """`html` with the tags nested below `max_depth` removed (each replaced by a space so
    words do not run together); text, void tags and <p> tags are kept."""
    out: list[str] = []
    stack: list[tuple[str, bool, bool]] = []  # (name, kept, counted in depth) per open tag
    depth = 0  # open tags kept and counted
    pos = 0
    for m in _TAG.finditer(html):
        closing, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        keep = True
        if closing:
            for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _MATCH_WINDOW), -1):
                if stack[i][0] == name:
                    keep = stack[i][1]
                    depth -= sum(1 for _, _, counted in stack[i:] if counted)
                    del stack[i:]
                    break
            else:
                keep = depth < max_depth
        elif name not in _VOID and not rest.rstrip().endswith("/"):
            keep = depth < max_depth or name in _KEPT_DEEP
            counted = keep and name not in _KEPT_DEEP
            stack.append((name, keep, counted))
            depth += counted
        out.append(html[pos : m.start()])
        out.append(m.group(0) if keep else " ")
        pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def parse(html: str, build: Callable[..., Any], **parser_options: Any) -> Any:
    """`build(markup, parser=...)` over `html`, and again over `flatten(html)` when the parser
    stopped at libxml2's depth limit. `build` is lxml.html.fromstring or document_fromstring;
    it may raise what lxml raises for input it cannot parse at all."""
    parser = lxml.html.HTMLParser(**parser_options)
    doc = build(html, parser=parser)
    if not too_deep(parser):
        return doc
    log.info("HTML nested deeper than libxml2's limit: flattening below depth %d", MAX_DEPTH)
    flat = flatten(html)
    parser = lxml.html.HTMLParser(**parser_options)
    doc = build(flat, parser=parser)
    if too_deep(parser):  # the tag scan undercounted (markup it cannot see): last resort
        doc = build(flat, parser=lxml.html.HTMLParser(**parser_options, huge_tree=True))
    return doc


__all__ = ["MAX_DEPTH", "flatten", "parse", "too_deep"]
