"""Segmentation of HTML pages.

The article comes from the page's article container (lxml; trafilatura when no
container is marked up), the comment thread from the nested comment markup, so
reply depth is read from the nesting itself rather than guessed from layout. The
result is a text rendering (title, caption, paragraphs, then each comment's author
and text on their own lines) with every span pointing into that rendering.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from sitrep.ingest import deep_html
from sitrep.records import Comment, Segmentation, TextSpan
from sitrep.segment.cues import CueSet, default_cues
from sitrep.segment.lines import ends_sentence, split_lines
from sitrep.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from sitrep.segment.text import _Page, mark_furniture, outlet_voice

# Class/id tokens of markup families (WordPress, wpDiscuz, Disqus-like, generic).
_COMMENT_ITEM = re.compile(r"^(comment|comment-item|wpd-comment|c-comment|comment-thread-item|"
                           r"commentlist-item|depth-\d+|comment-\d+)$")
# Disqus-style lists mark items with the plain word "post": only trusted on <li>.
_LI_ONLY_ITEM = re.compile(r"^(post|reply-item)$")
_COMMENT_CONTAINER = re.compile(r"(^|[-_])(comments?|commentlist|comment-list|discussion|disqus_thread|"
                                r"respond|replies)([-_]|$)")
_AUTHOR = re.compile(r"^(fn|.*author.*|.*user-?name.*|.*nickname.*|.*commenter.*|.*display-name.*)$")
_AVATAR = re.compile(r"(avatar|photo|img)")
# Where a comment's text sits, most specific first: a whole "comment-body" often
# also holds the author line and the date, so it is only the last resort.
_COMMENT_TEXT = (
    re.compile(r"^(comment-content|comment-text|comment_text|commenttext|post-message|wpd-comment-text|"
               r"comment-message|message|text|content)$"),
    re.compile(r"(content|text|message)"),
    re.compile(r"(comment-body|body)"),
)
_ARTICLE = re.compile(r"(entry-content|article-body|articlebody|post-content|post-body|story-body|"
                      r"article-content|td-post-content|single-content)")
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "select", "template")
_BLOCK_TAGS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
# Started only at a whitespace run's first character, one optional colon between
# the spaces: linear time, same matches as \s+(says|said|wrote)\s*:?\s*$.
_SAYS = re.compile(r"(?<!\s)\s+(says|said|wrote)\s*(?::\s*)?$", re.IGNORECASE)

log = logging.getLogger(__name__)

# Optional extractors the cascade calls when a page marks up no article container:
# trafilatura, and jusText, which trafilatura imports for its fallback comparison.
# A test imports each of these, so an environment that lacks one (lxml 6 without
# lxml_html_clean breaks jusText) fails the suite instead of dropping pages.
CASCADE_EXTRACTORS = ("trafilatura", "justext")


def _classes(el: etree._Element) -> list[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return raw.split()


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content() or "").strip()


def _is_comment_item(el: etree._Element) -> bool:
    if not isinstance(el.tag, str):
        return False
    toks = _classes(el)
    if any(_COMMENT_ITEM.match(t) for t in toks):
        return el.tag in ("li", "div", "article", "section")
    return el.tag == "li" and any(_LI_ONLY_ITEM.match(t) for t in toks)


def _is_comment_container(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and any(_COMMENT_CONTAINER.search(t) for t in _classes(el))


@dataclass(slots=True)
class _HtmlComment:
    author: str | None
    text: str
    depth: int
    parent: int | None
    children: list[int] = field(default_factory=list)


def _own_descendants(item: etree._Element) -> list[etree._Element]:
    """Descendants of a comment item that do not belong to a nested reply."""
    out: list[etree._Element] = []
    stack = list(item)
    while stack:
        el = stack.pop(0)
        if not isinstance(el.tag, str) or _is_comment_item(el):
            continue
        out.append(el)
        stack[0:0] = list(el)
    return out


def _author_of(item: etree._Element, own: list[etree._Element]) -> str | None:
    for el in own:
        toks = _classes(el)
        if any(_AVATAR.search(t) for t in toks):
            continue
        if any(_AUTHOR.match(t) for t in toks) or el.get("itemprop") == "author":
            # Prefer the innermost name element (e.g. <cite class="fn"> inside
            # <div class="comment-author vcard">), without "says:".
            inner = [d for d in el.iter() if isinstance(d.tag, str) and d is not el and any(
                _AUTHOR.match(t) for t in _classes(d))]
            name = _text(inner[-1] if inner else el)
            name = _SAYS.sub("", name).strip()
            if name:
                return name
    return None


def _text_of(item: etree._Element, own: list[etree._Element], author: str | None) -> str:
    for pattern in _COMMENT_TEXT:
        for el in own:
            toks = _classes(el)
            if any(pattern.search(t) for t in toks) and not any(_AUTHOR.match(t) for t in toks):
                paras = [_text(p) for p in el.iter("p")]
                paras = [p for p in paras if p]
                return "\n".join(paras) if paras else _text(el)
    # No marked text element: the item's own <p> elements.
    paras = [_text(el) for el in own if el.tag == "p"]
    return "\n".join(p for p in paras if p)


def _walk_comments(root: etree._Element) -> list[_HtmlComment]:
    """Comments in document order with depth = number of enclosing comment items."""
    out: list[_HtmlComment] = []

    def visit(el: etree._Element, depth: int, parent: int | None) -> None:
        if not isinstance(el.tag, str):
            return
        if _is_comment_item(el):
            own = _own_descendants(el)
            author = _author_of(el, own)
            out.append(_HtmlComment(author=author, text=_text_of(el, own, author), depth=depth, parent=parent))
            depth, parent = depth + 1, len(out) - 1
        for child in el:
            visit(child, depth, parent)

    visit(root, 0, None)
    return [c for c in out if c.text or c.author]


def _title(doc: etree._Element) -> str | None:
    for xp in ("//h1", "//meta[@property='og:title']/@content", "//title"):
        found = doc.xpath(xp)
        for f in found:
            t = re.sub(r"\s+", " ", f if isinstance(f, str) else _text(f)).strip()
            if t:
                return t
    return None


def _article_root(doc: etree._Element) -> etree._Element | None:
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop") == "articleBody" or any(_ARTICLE.search(t) for t in _classes(el)):
            return el
    found = doc.xpath("//article")
    return found[0] if found else None


def _paragraphs(root: etree._Element) -> list[str]:
    paras: list[str] = []
    for el in root.iter(*_BLOCK_TAGS):
        if any(anc.tag in _BLOCK_TAGS for anc in el.iterancestors()):
            continue
        t = _text(el)
        if t:
            paras.append(t)
    return paras


def _trafilatura_paragraphs(html: str) -> list[str]:
    """Paragraphs trafilatura finds; none (the baseline <p> reading follows) when it cannot import."""
    try:
        import trafilatura
    except ImportError as exc:
        log.warning("trafilatura unavailable, reading <p> elements only: %s", " ".join(str(exc).split()))
        return []
    out = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    return [p.strip() for p in (out or "").split("\n") if p.strip()]


def _caption(doc: etree._Element) -> str | None:
    for el in doc.iter("figcaption"):
        t = _text(el)
        if t:
            return t
    return None


def _strip_furniture(paras: list[str], settings: SegmentSettings, cues: CueSet) -> list[bool]:
    """Which paragraphs are page furniture, by the same line rules as text dumps."""
    text = "\n\n".join(paras)
    lines = split_lines(text)
    page = _Page(text=text, lines=lines, settings=settings, cues=cues, base_gap=1)
    mark_furniture(page)
    # One paragraph per line here (paragraph texts have no newlines).
    return [ln.kind is not None for ln in lines]


class _Builder:
    """Accumulates the text rendering and hands back spans into it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, s: str, sep: str = "\n\n") -> TextSpan:
        if self.parts:
            self.parts.append(sep)
            self.pos += len(sep)
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return TextSpan(start=start, end=self.pos, text=s)

    def text(self) -> str:
        return "".join(self.parts) + ("\n" if self.parts else "")


def segment_html(
    html: str,
    *,
    settings: SegmentSettings = DEFAULT_SETTINGS,
    cues: CueSet | None = None,
) -> tuple[str, Segmentation]:
    """The page's text rendering and its segmentation (offsets into that text)."""
    cues = cues or default_cues()
    if not html.strip():
        return "", Segmentation()
    try:
        # flattened and parsed again when it nests deeper than libxml2's limit (deep_html)
        doc = deep_html.parse(html, lxml.html.fromstring)
    except (etree.ParserError, ValueError):
        return "", Segmentation()
    title = _title(doc)
    caption = _caption(doc)

    # Comments first, from the untouched tree; depth comes from item nesting.
    comments = _walk_comments(doc)
    # Then take the thread (items and their containers: reply forms, counters) out
    # before reading the article, never removing anything that holds the article.
    root = _article_root(doc)
    keep = set(root.iterancestors()) | {root} if root is not None else set()
    doomed = [el for el in doc.iter() if isinstance(el.tag, str) and el not in keep
              and (_is_comment_item(el) or _is_comment_container(el) or el.tag in _DROP_TAGS
                   or el.tag in ("figcaption", "h1"))]
    doomed_set = set(doomed)
    for el in doomed:
        if not any(a in doomed_set for a in el.iterancestors()) and el.getparent() is not None:
            el.getparent().remove(el)

    paras = _paragraphs(root) if root is not None else []
    if not paras:
        paras = _trafilatura_paragraphs(lxml.html.tostring(doc, encoding="unicode"))
    if not paras and doc.find("body") is not None:
        paras = _paragraphs(doc.find("body"))

    b = _Builder()
    seg = Segmentation()
    if title:
        seg.title = b.add(title)
    credit_span: TextSpan | None = None
    if caption:
        # A trailing photo credit ("(Name / Agency)") is boilerplate, not caption text.
        keep = cues.caption_credit_cut(caption)
        seg.caption = b.add(caption[:keep])
        if keep < len(caption):
            credit_span = b.add(caption[keep:].strip(), sep=" ")
    furniture = _strip_furniture(paras, settings, cues) if paras else []
    key_title = re.sub(r"\s+", " ", title or "").strip().lower()
    for p, is_furn in zip(paras, furniture):
        span = b.add(p)
        if is_furn or (key_title and p.strip().lower() == key_title):
            seg.boilerplate.append(span)
        else:
            seg.body.append(span)
    if credit_span is not None:
        seg.boilerplate.insert(0, credit_span)
    # The outlet's own box closing the article ("We are an independent newsroom ...").
    while len(seg.body) > 1 and outlet_voice(seg.body[-1].text, cues):
        seg.boilerplate.append(seg.body.pop())
    # Short unpunctuated leftovers at the end of the article (share bars, tags).
    while len(seg.body) > 1 and len(seg.body[-1].text.split()) <= settings.trailing_max_words and not ends_sentence(
        seg.body[-1].text
    ):
        seg.boilerplate.append(seg.body.pop())

    first_comment = True
    for i, c in enumerate(comments):
        if c.author:
            b.add(c.author, sep="\n\n\n" if first_comment else "\n\n")
            first_comment = False
            span = b.add(c.text, sep="\n") if c.text else TextSpan(b.pos, b.pos, "")
        else:
            span = b.add(c.text, sep="\n\n\n" if first_comment else "\n\n")
            first_comment = False
        # A placeholder in the name slot ("Anonymous") names nobody.
        author = None if c.author and cues.is_anonymous(c.author) else c.author
        seg.comments.append(Comment(index=i, author=author, depth=c.depth, text=span.text,
                                    start=span.start, end=span.end, parent=c.parent))
    text = b.text()
    return text, seg


__all__ = ["segment_html"]
