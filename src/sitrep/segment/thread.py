"""Comment-thread parsing for plain-text dumps.

Dumps show a thread in one of three shapes, all recognised from layout alone:

* author line + text blocks: a short name-like line standing alone, then the
  comment's paragraphs (single blank lines between them);
* anonymous blocks: no author line, comments separated by a gap wider than the
  page's usual paragraph gap;
* bulleted: ``• Name`` lines whose indentation gives the reply depth, with the
  comment text indented beneath.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.records import Comment
from sitrep.segment.lines import Line, has_currency, is_name_like
from sitrep.segment.settings import SegmentSettings

# Line kinds that are furniture on the article side but ordinary writing inside a
# thread ("then they die...", a reader quoting the headline, a lone ":)").
THREAD_CONTENT_KINDS = frozenset({"placeholder", "symbols", "title-copy", "repeated", "trailing"})


def _is_content(ln: Line) -> bool:
    return ln.kind is None or ln.kind in THREAD_CONTENT_KINDS or ln.name is not None


def _author_text(ln: Line) -> str:
    """The name an author line gives: a comment header's name part, else the line."""
    return ln.name if ln.name is not None else ln.text


@dataclass(slots=True)
class ParsedComment:
    """A comment as found on the page, before it becomes a `Comment` record."""

    index: int
    author: str | None
    author_line: Line | None
    text_lines: list[Line] = field(default_factory=list)
    depth: int | None = None
    parent: int | None = None
    indent: int | None = None

    @property
    def line_ids(self) -> list[int]:
        ids = [ln.idx for ln in self.text_lines]
        if self.author_line is not None:
            ids.append(self.author_line.idx)
        return ids

    def to_comment(self, text: str) -> Comment:
        """The record, with the text span running from its first to its last line."""
        if self.text_lines:
            start, end = self.text_lines[0].start, self.text_lines[-1].end
        else:
            assert self.author_line is not None
            start = end = self.author_line.end
        return Comment(
            index=self.index,
            author=self.author,
            depth=self.depth,
            text=text[start:end],
            start=start,
            end=end,
            parent=self.parent,
        )


def _blocks(lines: list[Line], lo: int, hi: int) -> list[list[Line]]:
    """Runs of content lines with no blank line and no furniture between them.

    A comment header ("Name · date") is a block of its own, even when the comment's
    text is glued to it.
    """
    blocks: list[list[Line]] = []
    prev: Line | None = None
    for ln in lines[lo:hi]:
        if not _is_content(ln):
            prev = None
            continue
        if prev is not None and ln.gap_before == 0 and ln.name is None and prev.name is None:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
        prev = ln
    return blocks


# Furniture that may sit between a commenter's name and the comment (a timestamp,
# a vote counter). Any other furniture there (a widget, a cue, a control bar)
# means the short line was not a name line at all.
BETWEEN_AUTHOR_AND_TEXT = frozenset({"amount", "dateline", "symbols", "placeholder"})


def _is_author_block(lines: list[Line], blocks: list[list[Line]], b: int, base_gap: int, s: SegmentSettings) -> bool:
    """A lone name-like line directly followed (usual gap) by another block.

    Only timestamp-like furniture may stand between the name and that block.
    """
    block = blocks[b]
    if len(block) != 1 or block[0].bullet is not None or not is_name_like(_author_text(block[0]), s):
        return False
    if b + 1 >= len(blocks):
        return False
    nxt = blocks[b + 1][0]
    between = lines[block[0].idx + 1 : nxt.idx]
    if any(ln.kind not in BETWEEN_AUTHOR_AND_TEXT or has_currency(ln.text) for ln in between):
        return False
    return nxt.gap_before <= base_gap or (bool(between) and nxt.gap_before <= base_gap + 1)


def author_starts(lines: list[Line], lo: int, hi: int, base_gap: int, s: SegmentSettings) -> list[int]:
    """Line indices in [lo, hi) that look like a commenter's name line."""
    blocks = _blocks(lines, lo, hi)
    roles = _author_roles(lines, blocks, base_gap, s)
    return [blocks[b][0].idx for b in range(len(blocks)) if roles[b]]


def is_bullet_author(lines: list[Line], k: int, s: SegmentSettings) -> bool:
    """A bullet whose text is a name, with the next line deeper or another bullet."""
    ln = lines[k]
    if ln.bullet is None or not is_name_like(ln.bullet, s):
        return False
    nxt = lines[k + 1] if k + 1 < len(lines) else None
    return nxt is None or nxt.indent > ln.indent or nxt.bullet is not None


def _parse_bullets(lines: list[Line], lo: int, hi: int, s: SegmentSettings) -> list[ParsedComment]:
    """Bulleted thread: each name bullet opens a comment; depth from indentation."""
    out: list[ParsedComment] = []
    cur: ParsedComment | None = None
    for ln in lines[lo:hi]:
        if not _is_content(ln):
            continue
        if is_bullet_author(lines, ln.idx, s):
            cur = ParsedComment(index=len(out), author=ln.bullet, author_line=ln, indent=ln.indent)
            out.append(cur)
        elif cur is not None:
            cur.text_lines.append(ln)
        # Lines above the first name bullet are the thread's header (sort and
        # follow controls), not a comment: they stay boilerplate.
    levels = sorted({c.indent for c in out if c.indent is not None})
    last_at: dict[int, int] = {}
    for c in out:
        if c.indent is None:
            continue
        c.depth = levels.index(c.indent)
        c.parent = last_at.get(c.depth - 1) if c.depth > 0 else None
        last_at[c.depth] = c.index
        for deeper in [d for d in last_at if d > c.depth]:
            del last_at[deeper]
    return out


def _author_roles(lines: list[Line], blocks: list[list[Line]], base_gap: int, s: SegmentSettings) -> list[bool]:
    """Which blocks are author lines, reading chains of short lines from their end.

    A short unpunctuated comment ("so sad") before the next commenter's name looks
    like a name itself. In a chain of consecutive name-shaped blocks, the last one
    names the author of the text that follows it; going backwards the roles
    alternate (text, author, text, ...), so a short comment never swallows the
    next name.
    """
    shaped = [_is_author_block(lines, blocks, b, base_gap, s) for b in range(len(blocks))]
    roles = [False] * len(blocks)
    b = 0
    while b < len(blocks):
        if not shaped[b]:
            b += 1
            continue
        e = b
        while e + 1 < len(blocks) and shaped[e + 1]:
            e += 1
        for k in range(e, b - 1, -2):
            roles[k] = True
        b = e + 1
    return roles


def _parse_blocks(
    lines: list[Line], lo: int, hi: int, base_gap: int, s: SegmentSettings, split_blocks: bool = False
) -> list[ParsedComment]:
    """Author-line and anonymous threads: walk the blocks left to right.

    When the thread has author lines, blocks above the first one are the thread's
    header or calls to action (a sign-up line, an appeal), not comments. With
    `split_blocks` an anonymous block never continues the previous comment (the
    segmenter found the run as one comment per block).
    """
    blocks = _blocks(lines, lo, hi)
    roles = _author_roles(lines, blocks, base_gap, s)
    first_author = next((b for b, r in enumerate(roles) if r), None)
    out: list[ParsedComment] = []
    cur: ParsedComment | None = None
    awaiting_text = False
    for b, block in enumerate(blocks):
        if first_author is not None and b < first_author:
            continue
        if cur is not None and awaiting_text:
            cur.text_lines.extend(block)
            awaiting_text = False
            continue
        if roles[b]:
            cur = ParsedComment(index=len(out), author=_author_text(block[0]), author_line=block[0])
            out.append(cur)
            awaiting_text = True
            continue
        first = block[0]
        continues = (
            not split_blocks
            and cur is not None
            and cur.text_lines
            and 1 <= first.gap_before <= base_gap
            and lines[first.idx - 1].idx == cur.text_lines[-1].idx  # no furniture between
        )
        if continues:
            assert cur is not None
            cur.text_lines.extend(block)
            continue
        if b == len(blocks) - 1 and len(block) == 1 and is_name_like(first.text, s) and cur is None:
            break  # a lone short line with nothing after it: trailing furniture
        cur = ParsedComment(index=len(out), author=None, author_line=None, text_lines=list(block))
        out.append(cur)
    return out


def parse_thread(
    lines: list[Line], lo: int, hi: int, base_gap: int, s: SegmentSettings, *, split_blocks: bool = False
) -> list[ParsedComment]:
    """Comments found in lines[lo:hi], in page order (see _parse_blocks for `split_blocks`)."""
    if lo >= hi:
        return []
    if any(is_bullet_author(lines, k, s) for k in range(lo, hi) if _is_content(lines[k])):
        return _parse_bullets(lines, lo, hi, s)
    return _parse_blocks(lines, lo, hi, base_gap, s, split_blocks)
