"""Segmentation cascade for plain-text page dumps.

The cascade runs in named stages, each reading only line shapes (lines.py) plus the
cue file:

1. ``mark_furniture``  - line-level boilerplate anywhere on the page: amounts,
   address tokens, contact lines, placeholders, form labels, datelines, control
   bars, donation-widget headers, menu and widget runs, cue lines; comment
   headers ("Name · date", "Name says:", kind "header" with the name kept);
   boxed widgets between rule lines, form boxes under a cue, link lists; site
   navigation above the first prose line (skip links anywhere), kind "nav"; a
   masthead (site name, tagline) above the first navigation row, kind "masthead".
2. ``find_title``      - the stated title, else the headline-shaped line heading
   the article (repeated on the page first); later copies are boilerplate.
3. ``find_caption``    - one short unpunctuated line between title and body; a
   trailing photo credit ("(Name / Agency)", "- AFP") is boilerplate, not caption.
4. ``find_body_start`` - the first prose paragraph after title/caption.
5. ``find_body_end``   - where the comment thread or trailing widgets begin (or a
   rule line "---" with only own-voice/CTA paragraphs after it, ``cut_at_rule``): a
   thread/trailing cue, a widget label, a bulleted author line, or a name-like line
   (or wide gap) with enough thread evidence; then, at the end of the region
   left, a thread with no widget before it (``find_tail_thread``): a trailing run
   of name/text pairs, or of short blocks in a reader's voice after the article;
   around it the outlet's own boxes (``mark_outlet_boxes``: about-us, support and
   newsletter paragraphs in the outlet's voice next to furniture), kind "box".
6. ``mark_repeats``    - short lines repeated on the page before the thread; then
   stages 3-5 run again so that repeated furniture cannot pose as a caption.
7. ``trim_trailing``   - short unpunctuated lines left at the end of the body.
8. thread parsing (thread.py) on everything after the body end.

Everything that ends up in none of title, caption, body or comments is boilerplate.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sitrep.records import Segmentation, TextSpan
from sitrep.segment.cues import CueSet, default_cues
from sitrep.segment.lines import (
    Line,
    bar_parts,
    is_button_row,
    date_tokens,
    ends_sentence,
    header_parts,
    letter_words,
    has_contact,
    has_comment_voice,
    has_currency,
    has_long_token,
    is_control_bar,
    is_dateline,
    is_headline,
    is_informal,
    is_handle,
    is_nav_row,
    is_name_like,
    is_person_name,
    is_prose,
    letter_share,
    norm_line,
    split_lines,
    unquoted,
)
from sitrep.segment.settings import DEFAULT_SETTINGS, SegmentSettings
from sitrep.segment.thread import ParsedComment, author_starts, is_bullet_author, parse_thread

# A speaker label opening an interview turn: "Q:", "A:", "Name Surname:".
_SPEAKER_LABEL = re.compile(r"^[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,2}:\s")

# A required-field marker after a form label ("Your name *  Email *").
_REQUIRED = re.compile(r"\w ?\*(?=\s|$)")
# A link-list item: an arrow or guillemet marker, or a list number, then a headline.
_ARROW_ITEM = re.compile(r"^[→»›▸►⇒➔➤]\s*\S")
_NUMBER_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
# A byline naming several people: "By A B and C D", "Written by A B, C D".
_BYLINE = re.compile(r"^(?:written |words |reporting |text )?by\s+(\S.*)$", re.IGNORECASE)
# Separators start only at a whitespace run's first character (linear time, same
# matches; see segment.lines._EMAIL).
_NAME_LIST_SEP = re.compile(r"(?:(?<!\s)\s+)?,\s*|(?<!\s)\s+(?:and|&)\s+")
# The spaced bar or dash before a site name ("Headline | Outlet").
_SITE_SUFFIX_SEP = re.compile(r"(?<!\s)\s+[|–—-]\s+")

# Line kinds that end the article when they appear after the body has started.
ENDS_BODY = frozenset({"cue:thread", "cue:trailing", "label"})


@dataclass(slots=True)
class _Page:
    """Working state of one page through the cascade."""

    text: str
    lines: list[Line]
    settings: SegmentSettings
    cues: CueSet
    base_gap: int
    title: int | None = None
    caption: int | None = None
    body_start: int | None = None
    body_end: int | None = None  # index of the first line after the article region
    # Set when find_tail_thread found an anonymous run: every block is one comment.
    anonymous_tail: bool = False


def _base_gap(lines: list[Line], settings: SegmentSettings) -> int:
    """The page's usual blank-line gap between paragraphs (from its first prose lines)."""
    gaps = [ln.gap_before for ln in lines if ln.gap_before >= 1 and is_prose(ln.text, settings)][:12]
    if not gaps:
        return 1
    counts = Counter(gaps)
    best = max(counts.values())
    return min(g for g, c in counts.items() if c == best)


def _shape_kind(line: Line, settings: SegmentSettings, cues: CueSet) -> str | None:
    """Why a single line is furniture, judged on the line alone (None: content)."""
    text = line.text
    cue = cues.kind_of(text, max_words=settings.cue_max_words)
    if cue is not None:
        return f"cue:{cue}"
    if cues.is_skip_link(text):
        return "nav"
    if has_long_token(text, settings):
        return "address"
    if has_contact(text) and len(text.split()) <= settings.cue_max_words:
        return "contact"
    if any(c.isdigit() for c in text) and (letter_share(text) < settings.min_letter_share or (
        has_currency(text) and len(text.split()) <= 3
    )):
        return "amount"
    if not any(c.isalpha() for c in text):
        return "symbols"
    if cues.is_credit(text, max_words=settings.cue_max_words):
        return "cue:trailing"
    if is_control_bar(text, settings) or _is_bar(text, settings, cues) or is_button_row(text):
        return "controls"
    if is_dateline(text, cues.months, cues.starts_dateline(text), settings) or _is_meta_bar(text, settings, cues) \
            or cues.is_relative_date(text):
        return "dateline"
    if _is_byline(text, settings, cues):
        return "byline"
    words = text.split()
    if len(words) <= settings.placeholder_max_words and text.rstrip().endswith(("...", "…")) and line.bullet is None:
        return "placeholder"
    if len(words) <= settings.cue_max_words and not ends_sentence(text) and (
        text.rstrip().endswith("*") or len(_REQUIRED.findall(text)) >= 2
    ):
        return "form"
    return None


def _short_item(part: str, s: SegmentSettings) -> bool:
    return len(letter_words(part)) <= s.label_max_words and not ends_sentence(part)


def _is_bar(text: str, s: SegmentSettings, cues: CueSet) -> bool:
    """A row of controls or footer links holding at least one cue item.

    "Reply · 14 likes", "Terms of use · Privacy · (c) 2023 Outlet. All rights
    reserved.": every item between the separators is a cue (a link word, a
    counter, a copyright) or a few unpunctuated words; two items must both be cues.
    """
    parts = bar_parts(text)
    if len(parts) < 2:
        return False
    cued = [cues.kind_of(p, max_words=s.cue_max_words) is not None for p in parts]
    if not any(cued):
        return False
    if len(parts) == 2:
        return all(cued)
    return all(c or _short_item(p, s) for p, c in zip(parts, cued))


def _is_meta_bar(text: str, s: SegmentSettings, cues: CueSet) -> bool:
    """An article's metadata row: a date item among short items ("Bulletin No. 12 ·
    Coverage: 3 May 2021 · Reading time 3 min")."""
    parts = bar_parts(text)
    if len(parts) < 2:
        return False
    dated = [is_dateline(p, cues.months, cues.starts_dateline(p), s) or cues.is_relative_date(p) for p in parts]
    return any(dated) and all(d or _short_item(p, s) for p, d in zip(parts, dated))


def _is_byline(text: str, s: SegmentSettings, cues: CueSet) -> bool:
    """"By" and a list of personal names of two tokens or more."""
    m = _BYLINE.match(text.strip())
    if not m:
        return False
    names = [n for n in _NAME_LIST_SEP.split(m.group(1).strip()) if n]
    return bool(names) and all(
        len(n.split()) >= 2 and is_person_name(n, s, cues.name_particles) for n in names
    )


def _name_part_ok(name: str, page: _Page) -> bool:
    """Could stand in a comment header's name slot (digits only in the last token)."""
    s = page.settings
    words = name.split()
    if not words or not is_name_like(name, s) or not (name[0].isalpha() or name[0] == "@"):
        return False
    if any(any(c.isdigit() for c in w) for w in words[:-1]) or name.rstrip().endswith(":"):
        return False
    if page.cues.starts_dateline(name) or page.cues.kind_of(name, max_words=s.cue_max_words) is not None:
        return False
    return not date_tokens(name, page.cues.months)


def header_name(page: _Page, ln: Line) -> str | None:
    """The commenter's name when `ln` is a comment header, else None.

    Two shapes: a name and a timestamp between separators ("Name · 3 May 2021,
    10:12"), the whole line dateline-shaped; or a name with a speech verb from the
    cue file ("Name says:") directly above a timestamp line, or naming a person or
    a handle.
    """
    s = page.settings
    cues = page.cues
    if ln.kind in ("dateline", "amount"):
        parts = header_parts(ln.text)
        if len(parts) >= 2 and _name_part_ok(parts[0], page) and all(
            (is_dateline(p, cues.months, False, s) or cues.is_relative_date(p))
            and not any(w.endswith(":") for w in p.split())
            for p in parts[1:]
        ):
            return parts[0]
        return None
    if ln.kind not in (None, "label"):
        return None
    name = cues.speech_header(ln.text)
    if name is None or not _name_part_ok(name, page):
        return None
    nxt = page.lines[ln.idx + 1] if ln.idx + 1 < len(page.lines) else None
    dated_next = nxt is not None and nxt.gap_before == 0 and nxt.kind == "dateline"
    if dated_next or is_person_name(name, s, cues.name_particles) or is_handle(name):
        return name
    return None


def mark_headers(page: _Page) -> None:
    """Stage 1c: comment headers ("Name · date", "Name says:") get kind "header".

    Once one "Name says:" header is confirmed (a timestamp under it, or a personal
    name), every other line of that shape on the page is a header too ("Rojda
    says:"): a comment system prints all its headers alike.
    """
    confirmed = False
    for ln in page.lines:
        name = header_name(page, ln)
        if name is not None:
            ln.name = name
            ln.kind = "header"
            confirmed = confirmed or page.cues.speech_header(ln.text) is not None
    if not confirmed:
        return
    for ln in page.lines:
        if ln.kind in (None, "label"):
            name = page.cues.speech_header(ln.text)
            if name is not None and _name_part_ok(name, page):
                ln.name = name
                ln.kind = "header"


def mark_boxes(page: _Page) -> None:
    """Stage 1d: boxed widgets and link lists.

    A box is a run of glued lines between two rule lines (symbols only, such as
    "~~~~" or a drawn frame); when any line inside is furniture (a cue, an address,
    a contact, an amount) the whole box is a widget (a newsletter or donation box
    whose sentences alone would read as prose). A link list is a glued run of two
    or more arrow-marked lines ("→ Headline", "» Headline"), or of numbered
    unpunctuated lines under a short heading ("MOST READ / 1. ... / 2. ...").
    """
    s = page.settings
    lines = page.lines

    def rule(ln: Line) -> bool:
        return ln.kind == "symbols" and len(ln.text) >= 5

    for ln in lines:
        if not rule(ln):
            continue
        k = ln.idx + 1
        while k < len(lines) and lines[k].gap_before == 0 and not rule(lines[k]) and k - ln.idx <= 12:
            k += 1
        if k >= len(lines) or k == ln.idx + 1 or not rule(lines[k]) or lines[k].gap_before != 0:
            continue
        inside = lines[ln.idx + 1 : k]
        if any(m.kind is not None and m.kind != "header" for m in inside):
            for m in inside:
                if m.kind is None:
                    m.kind = "widget"
    # A form box: a one-off cue heading a glued run that holds a form field, a
    # button row or a contact line ("Join the discussion / We keep your e-mail
    # private. / Your name *  Email *  [Send]"); its sentences are the form's own.
    counts = Counter(norm_line(ln.text) for ln in lines)
    for ln in lines:
        if not (ln.kind or "").startswith("cue:") or counts[norm_line(ln.text)] != 1:
            continue
        k = ln.idx + 1
        while k < len(lines) and lines[k].gap_before == 0 and k - ln.idx <= 8:
            k += 1
        run = lines[ln.idx + 1 : k]
        if any(m.kind in ("form", "controls", "contact") for m in run):
            for m in run:
                if m.kind is None:
                    m.kind = "widget"
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _ARROW_ITEM.match(lines[j].text) and (j == i or lines[j].gap_before == 0):
            j += 1
        if j - i >= 2:
            for m in lines[i:j]:
                if m.kind is None:
                    m.kind = "links"
            i = j
            continue
        j = i
        while j < len(lines) and _NUMBER_ITEM.match(lines[j].text) and (j == i or lines[j].gap_before == 0) and \
                not ends_sentence(lines[j].text) and len(lines[j].words) <= s.repeat_max_words:
            j += 1
        head = lines[i - 1] if i > 0 else None
        if j - i >= 2 and head is not None and lines[i].gap_before == 0 and len(head.words) <= s.menu_max_words \
                and not ends_sentence(head.text):
            for m in [head, *lines[i:j]]:
                if m.kind is None:
                    m.kind = "links"
            i = j
            continue
        i += 1


def _is_menu_item(line: Line, settings: SegmentSettings) -> bool:
    return (
        line.kind is None
        and line.bullet is None
        and len(line.words) <= settings.menu_max_words
        and not ends_sentence(line.text)
    )


def _mark_run(lines: list[Line], i: int, j: int, s: SegmentSettings, base_gap: int) -> None:
    """Mark lines[i:j] as a menu; the last line may be the first commenter's name.

    It is left for the thread parser when it stands alone before a blank line and
    a text block, and further down the page other name lines head comments (in an
    anonymous thread a line glued to the widget is the widget's own).
    """
    last = j - 1
    keep_last = (
        last + 1 < len(lines)
        and lines[last + 1].gap_before >= 1
        and not is_name_like(lines[last + 1].text, s)
        and lines[last].kind is None
        and bool(author_starts(lines, last + 1, len(lines), base_gap, s))
    )
    for k in range(i, last if keep_last else j):
        if lines[k].kind is None:
            lines[k].kind = "menu"


def mark_furniture(page: _Page) -> None:
    """Stage 1: line-level boilerplate, plus runs of menu-like lines and labels."""
    s = page.settings
    lines = page.lines
    for ln in lines:
        ln.kind = _shape_kind(ln, s, page.cues)
    mark_widget_headers(page)
    mark_headers(page)
    mark_boxes(page)
    # Menu runs: consecutive (no blank between) very short unpunctuated lines.
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_menu_item(lines[j], s) and (j == i or lines[j].gap_before == 0):
            j += 1
        if j - i >= s.menu_min_run:
            _mark_run(lines, i, j, s, page.base_gap)
            i = j
        else:
            i = max(j, i + 1)
    # Widget bars: a run of glued lines holding a one-off cue, form field or control
    # bar ("Email me about replies / Sort by: ... / Expand all", a newsletter box's
    # name above "Sign up ... / Email address* / Subscribe"). The short unpunctuated
    # lines glued to it belong to the same widget. A cue repeated on
    # the page ("Reply" under every comment) is a per-comment link, not a widget.
    counts = Counter(norm_line(ln.text) for ln in lines)

    def widget_anchor(ln: Line) -> bool:
        return (ln.kind in ("controls", "form") or (ln.kind or "").startswith("cue:")) and counts[
            norm_line(ln.text)] == 1

    def widget_item(ln: Line) -> bool:
        return ln.kind is not None or (
            ln.bullet is None and len(ln.words) <= s.label_max_words and not ends_sentence(ln.text)
        )

    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and widget_item(lines[j]) and (j == i or lines[j].gap_before == 0):
            j += 1
        if j - i >= s.menu_min_run and any(widget_anchor(ln) for ln in lines[i:j]):
            _mark_run(lines, i, j, s, page.base_gap)
            i = j
        else:
            i = max(j, i + 1)
    # Labels: a short line ending with ':' that is not followed by prose.
    for k, ln in enumerate(lines):
        if ln.kind is not None or not ln.text.rstrip().endswith(":"):
            continue
        if len(ln.words) > s.label_max_words:
            continue
        nxt = next((m for m in lines[k + 1 :] if m.kind is None), None)
        if nxt is None or not is_prose(nxt.text, s):
            ln.kind = "label"
    mark_navigation(page)


def mark_navigation(page: _Page) -> None:
    """Stage 1e: the site's navigation above the article ("nav").

    Above the page's first prose line, a line is navigation when it is a menu word
    of the cue file on its own ("Menu", "Search", "Log in") or a navigation row
    (see lines.is_nav_row: breadcrumbs, section names, language codes). Skip links
    ("Skip to content") are marked wherever they stand, by _shape_kind. A headline
    that merely opens with such a word ("Search for ...") is neither.
    """
    s = page.settings
    cues = page.cues
    for ln in page.lines:
        if ln.kind is None and is_prose(ln.text, s):
            break
        if ln.kind is None and (cues.is_nav_word(ln.text) or is_nav_row(ln.text, s, cues.is_nav_word)):
            ln.kind = "nav"
    mark_masthead(page)


# How many content lines a masthead may hold above its navigation row (site name,
# tagline, a date or edition line).
_MASTHEAD_MAX_LINES = 3


def mark_masthead(page: _Page) -> None:
    """Stage 1f: the masthead above the page's first navigation row ("masthead").

    When the page opens with a few short lines (a site name, a tagline such as
    "Independent news from ...") and then a navigation row (items between "|" or
    spaced words, see lines.is_nav_row), every line above and including that row
    is the outlet's masthead, however headline-shaped. Only when a headline-shaped
    line stands between the row and the first prose paragraph: that line, not the
    site name, is the title. A page without such a row is left as it is.
    """
    s = page.settings
    cues = page.cues
    lines = page.lines
    first_prose = next((ln.idx for ln in lines if ln.kind is None and is_prose(ln.text, s)), None)
    if first_prose is None:
        return
    above: list[Line] = []
    row: int | None = None
    for ln in lines[:first_prose]:
        if ln.kind == "nav" and ln.text.strip() and is_nav_row(ln.text, s, cues.is_nav_word) or (
            ln.kind == "controls" and is_nav_row(ln.text, s, cues.is_nav_word)
        ):
            row = ln.idx
            break
        if ln.kind is None:
            above.append(ln)
    if row is None or not above or len(above) > _MASTHEAD_MAX_LINES:
        return
    if any(ends_sentence(ln.text) or len(ln.words) > s.caption_max_words for ln in above):
        return
    after = [ln for ln in lines[row + 1 : first_prose] if ln.kind is None]
    if not any(is_headline(ln.text, s) for ln in after):
        return
    for ln in lines[: row + 1]:
        if ln.kind is None:
            ln.kind = "masthead"


def _money_line(ln: Line, s: SegmentSettings) -> bool:
    """A donation widget's line: an amount with a currency, a wallet address, a contact."""
    if ln.kind is None:
        return False
    t = ln.text
    return has_long_token(t, s) or has_contact(t) or (has_currency(t) and any(c.isdigit() for c in t))


def is_widget_header(page: _Page, k: int) -> bool:
    """A short line heading a donation/contact widget rather than the article.

    The next line (within a couple of blank lines) is an amount, a wallet address
    or a contact, and so is at least one more line of the widget before any longer
    content line that stands apart from it.
    """
    s = page.settings
    lines = page.lines
    if k + 1 >= len(lines) or lines[k + 1].gap_before > 2 or not _money_line(lines[k + 1], s):
        return False
    money = 0
    for ln in lines[k + 1 : k + 10]:
        if _money_line(ln, s):
            money += 1
        elif ln.kind is None and ln.gap_before > 0 and (len(ln.words) > s.label_max_words or is_prose(ln.text, s)):
            break  # a longer line glued inside the widget block does not end it
    return money >= 2


def mark_widget_headers(page: _Page) -> None:
    """Stage 1b: short headers of donation widgets are furniture ("widget")."""
    s = page.settings
    for ln in page.lines:
        if ln.kind is None and not is_prose(ln.text, s) and len(ln.words) <= s.caption_max_words and \
                is_widget_header(page, ln.idx):
            ln.kind = "widget"


def _title_candidates(page: _Page) -> tuple[list[Line], int | None]:
    """Headline-shaped content lines, and the first prose line of the page."""
    s = page.settings
    cands = [ln for ln in page.lines if ln.kind is None and is_headline(ln.text, s)
             and page.cues.caption_label_end(ln.text) is None]
    first_prose = next((ln.idx for ln in page.lines if ln.kind is None and _is_body_prose(page, ln)), None)
    return cands, first_prose


def _attached(page: _Page, cand: Line, first_prose: int) -> bool:
    """The candidate heads the article: between it and the first prose paragraph
    stand at most two other content lines (a caption, a standfirst, a byline),
    besides furniture and copies of the candidate itself."""
    key = norm_line(cand.text)
    between = [ln for ln in page.lines[cand.idx + 1 : first_prose] if ln.kind is None and norm_line(ln.text) != key]
    return len(between) <= 2


def _title_cased(text: str, s: SegmentSettings) -> bool:
    """Most longer words capitalised, as in headlines and names (captions are not)."""
    words = [w for w in text.split() if sum(c.isalpha() for c in w) >= 4]
    return bool(words) and sum(w.lstrip("\"'“‘(")[:1].isupper() for w in words) / len(words) >= s.title_case_share


def _heading_pick(page: _Page, first_prose: int) -> int | None:
    """The title among the content lines just above the first prose paragraph.

    The nearest one is the title unless it reads as a caption (not title-cased)
    under another headline-shaped line; a line above the title (a site name, a
    kicker) never wins over it.
    """
    s = page.settings
    above = [ln for ln in page.lines[:first_prose] if ln.kind is None]
    # Copies of a line collapse to its first occurrence.
    seen: set[str] = set()
    uniq: list[Line] = []
    for ln in above:
        key = norm_line(ln.text)
        if key not in seen:
            seen.add(key)
            uniq.append(ln)
    uniq.sort(key=lambda ln: max(m.idx for m in above if norm_line(m.text) == norm_line(ln.text)))
    if not uniq:
        return None
    last = uniq[-1]
    prev = uniq[-2] if len(uniq) >= 2 else None
    if prev is not None and is_headline(prev.text, s) and _caption_shaped(last, page.lines, s) and not _title_cased(
        last.text, s
    ):
        return prev.idx
    if is_headline(last.text, s):
        return last.idx
    if prev is not None and is_headline(prev.text, s):
        return prev.idx
    return None


def find_title(page: _Page, title_hint: str | None) -> None:
    """Stage 2: the title line; copies of it elsewhere are boilerplate.

    Order of preference: the container's stated title; a headline-shaped line that
    heads the article (see _attached) and that the page repeats; the headline just
    above the first prose paragraph, skipping a caption (see _heading_pick); any
    headline-shaped line; any short line. Widget headers never count.
    """
    s = page.settings
    lines = page.lines
    idx: int | None = None
    if title_hint:
        # The stated title, else its longest part when it carries a site suffix
        # ("Headline | Outlet", "Headline - Outlet").
        parts = sorted(_SITE_SUFFIX_SEP.split(title_hint), key=len, reverse=True)
        for key in [norm_line(title_hint)] + [norm_line(p) for p in parts[:1]]:
            idx = next((ln.idx for ln in lines if key and norm_line(ln.text) == key), None)
            if idx is not None:
                break
    if idx is None:
        cands, first_prose = _title_candidates(page)
        if first_prose is not None:
            heading = [c for c in cands if c.idx < first_prose and _attached(page, c, first_prose)]
            counts = Counter(norm_line(ln.text) for ln in lines)
            # A document-title line "Headline | Site" (or "- Site") repeats its headline.
            for ln in lines:
                head = _suffix_head(ln.text)
                if head is not None:
                    counts[head] += 1
            repeated = [c for c in heading if counts[norm_line(c.text)] >= 2]
            idx = repeated[0].idx if repeated else _heading_pick(page, first_prose)
        if idx is None and cands:
            idx = cands[0].idx
    if idx is None:
        idx = next((ln.idx for ln in lines if ln.kind is None and not is_prose(ln.text, s)), None)
    page.title = idx
    if idx is None:
        return
    lines[idx].kind = None
    key = norm_line(lines[idx].text)
    for ln in lines:
        if ln.idx != idx and (norm_line(ln.text) == key or _suffix_head(ln.text) == key):
            ln.kind = "title-copy"


def _suffix_head(text: str) -> str | None:
    """The headline of a "Headline | Site" / "Headline - Site" line (comparison key).

    Everything before the last separator, when it is longer than the suffix after
    it and has three words or more; None when the line has no such separator.
    """
    t = text.strip()
    m = None
    for m in _SITE_SUFFIX_SEP.finditer(t):
        pass
    if m is None:
        return None
    head, tail = t[: m.start()], t[m.end() :]
    if len(head) <= len(tail) or len(head.split()) < 3:
        return None
    return norm_line(head)


def find_caption_and_body_start(page: _Page) -> None:
    """Stages 3-4: the first prose paragraph, and the caption just above it.

    The caption is the content line directly above the body when it is caption
    shaped; donation headers and other short lines further up stay furniture, so
    the line nearest the article wins over the line nearest the title.
    """
    s = page.settings
    lines = page.lines
    first = 0 if page.title is None else page.title + 1
    # The title's copy nearest the article heads it: a site tagline under an
    # earlier copy (the document title) is no caption.
    for ln in lines[first:]:
        if ln.kind is None and _is_body_prose(page, ln):
            break
        if ln.kind == "title-copy":
            first = ln.idx + 1
    page.caption = None
    page.body_start = None
    last_content: Line | None = None
    for ln in lines[first:]:
        if ln.kind is not None:
            continue
        if _is_body_prose(page, ln):
            page.body_start = ln.idx
            if last_content is not None and _caption_shaped(last_content, lines, s, page.cues):
                page.caption = last_content.idx
            return
        last_content = ln


def _is_body_prose(page: _Page, ln: Line) -> bool:
    """Article prose; a labelled caption ("Photo: ...") never is, however long."""
    return is_prose(ln.text, page.settings) and page.cues.caption_label_end(ln.text) is None


def _caption_shaped(ln: Line, lines: list[Line], s: SegmentSettings, cues: CueSet | None = None) -> bool:
    """One line standing alone, short, without sentence punctuation.

    After a caption label ("Photo: ") only the caption's own text is measured, and
    it may end a sentence (photo credits often follow one).
    """
    alone = ln.idx + 1 >= len(lines) or lines[ln.idx + 1].gap_before >= 1
    cut = cues.caption_label_end(ln.text) if cues is not None else None
    text = ln.text if cut is None else ln.text[cut:]
    # A trailing photo credit ("(Name / Agency)", "- AFP") is not caption text; a
    # caption with a credit may end a sentence before it.
    credit = cues is not None and cues.caption_credit_start(text) is not None
    if credit:
        assert cues is not None
        text = text[: cues.caption_credit_cut(text)]
    return (
        alone
        and ln.bullet is None
        and len(text) <= s.caption_max_chars + (0 if cut is None else s.caption_max_chars // 2)
        and len(text.split()) <= s.caption_max_words + (0 if cut is None else s.caption_max_words // 2)
        and (cut is not None or credit or not ends_sentence(text))
    )


def thread_evidence(page: _Page, i: int) -> int:
    """How strongly the page looks like a comment thread from line `i` on.

    Points: a wide gap before `i` (2), the line's name recurring as an author later
    (2), two or more further author lines (1), any wide gap later (1), informal
    writing at the start (1), a thread cue later (1).
    """
    s = page.settings
    lines = page.lines
    ln = lines[i]
    score = 0
    if ln.gap_before > page.base_gap:
        score += 2
    starts = author_starts(lines, i, len(lines), page.base_gap, s)
    names = Counter(norm_line(lines[k].text) for k in starts)
    if i in starts and names[norm_line(ln.text)] >= 2:
        score += 2
    if len([k for k in starts if k != i]) >= 2:
        score += 1
    if any(m.gap_before > page.base_gap and m.kind is None for m in lines[i + 1 :]):
        score += 1
    nxt = [m for m in lines[i : i + 3] if m.kind is None]
    if any(is_informal(m.text) for m in nxt):
        score += 1
    if any(m.kind == "cue:thread" for m in lines[i + 1 :]):
        score += 1
    return score


def find_body_end(page: _Page) -> None:
    """Stage 5: the first line after the article (thread, trailing widgets or page end)."""
    page.body_end = len(page.lines)
    page.anonymous_tail = False
    if page.body_start is None:
        return
    page.body_end, why = _first_end(page, page.body_start)
    cut_at_rule(page)
    mark_outlet_boxes(page)
    find_tail_thread(page, thread_follows=why == "thread")
    mark_outlet_boxes(page)


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Kinds next to which an outlet box sits: cue lines, widgets, forms, link lists.
_BOX_NEIGHBOURS = ("cue:", "widget", "form", "controls", "menu", "label", "links", "trailing", "contact", "box",
                   "address", "amount")


def outlet_voice(text: str, cues: CueSet) -> bool:
    """The outlet speaking of itself or to the reader, not reporting an event.

    Outside quoted speech, at least half the sentences hold a first-person-plural
    word ("we are independent") or address the reader (an opening imperative such
    as "Support our work", or "you"/"your"), at least one of them in the outlet's
    own voice or as an imperative; a reader's marks (a question or exclamation
    mark, "I"/"my", informal writing) rule it out, and so does a paragraph without
    a term of self-description ("independent", "newsletter", "our reporting").
    """
    own = unquoted(text)
    if "?" in own or "!" in own or is_informal(text) or not cues.has_box_term(own):
        return False
    sents = [t for t in _SENTENCE_SPLIT.split(own.strip()) if any(c.isalpha() for c in t)]
    if not sents:
        return False
    strong = 0
    voiced = 0
    for sent in sents:
        words = [w for w in _WORD_RE.findall(sent) if not (len(w) >= 2 and w.isupper())]
        keys = {w.lower().replace("’", "'") for w in words}
        if keys & {"i", "me", "my", "i'm", "i've"}:
            return False
        self_voice = bool(keys & cues.self_words)
        imperative = cues.opens_imperative(sent)
        reader = bool(keys & {"you", "your", "yours"})
        strong += self_voice or imperative
        voiced += self_voice or imperative or reader
    return strong >= 1 and 2 * voiced >= len(sents)


# A horizontal rule drawn with one repeated mark ("---", "***", "___", "———").
_RULE_LINE = re.compile(r"^\s*([-*_—–=~•·])(?:\s*\1){2,}\s*$")


def _own_voice_block(page: _Page, blk: list[Line]) -> bool:
    """A paragraph in the outlet's voice or a call to action, not reportage.

    Outlet-voiced (see outlet_voice); or every sentence outside quotes speaks as
    "we"/"our" or opens with an imperative addressed to the reader ("We do not take
    money from ...", "Sign up for the weekly Briefing"), with no reader's marks.
    """
    text = " ".join(ln.text for ln in blk)
    if outlet_voice(text, page.cues):
        return True
    own = unquoted(text)
    if "?" in own or "!" in own or is_informal(text):
        return False
    sents = [t for t in _SENTENCE_SPLIT.split(own.strip()) if any(c.isalpha() for c in t)]
    if not sents:
        return False
    for sent in sents:
        keys = {w.lower().replace("’", "'") for w in _WORD_RE.findall(sent)}
        if keys & {"i", "me", "my", "i'm", "i've"}:
            return False
        if not (keys & page.cues.self_words or page.cues.opens_imperative(sent)):
            return False
    return True


def cut_at_rule(page: _Page) -> None:
    """Stage 5a: a rule line after the reportage ends the article when only
    furniture follows it.

    The last rule line ("---", "***", "___") inside the article region, with prose
    above it, ends the body when every paragraph after it (up to the thread or
    widget found by _first_end, or the page end) is in the outlet's own voice or a
    call to action (see _own_voice_block), or a short unpunctuated line, and at least
    one is voiced; those paragraphs are boxes. A rule used as a section break, with
    more reportage after it, changes nothing.
    """
    assert page.body_start is not None and page.body_end is not None
    s = page.settings
    lines = page.lines
    rules = [ln.idx for ln in lines[page.body_start + 1 : page.body_end]
             if ln.kind == "symbols" and _RULE_LINE.match(ln.text)]
    if not rules:
        return
    k = rules[-1]
    blocks = _region_blocks(page, k + 1, page.body_end)
    if not blocks:
        return
    voiced = [_own_voice_block(page, blk) for blk in blocks]
    short = [all(len(letter_words(ln.text)) <= s.trailing_max_words and not ends_sentence(ln.text) for ln in blk)
             for blk in blocks]
    if not any(voiced) or not all(v or sh for v, sh in zip(voiced, short)):
        return
    for blk in blocks:
        for ln in blk:
            ln.kind = "box"
    lines[k].kind = "box"  # the rule itself is the box's edge, not a comment
    page.body_end = k


def _is_box_neighbour(ln: Line | None) -> bool:
    return ln is None or (ln.kind is not None and ln.kind.startswith(_BOX_NEIGHBOURS))


def _region_blocks(page: _Page, lo: int, hi: int) -> list[list[Line]]:
    """Runs of glued content lines between line indices lo and hi."""
    blocks: list[list[Line]] = []
    prev: Line | None = None
    for ln in page.lines[lo:hi]:
        if ln.kind is not None:
            prev = None
            continue
        if prev is not None and ln.gap_before == 0:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
        prev = ln
    return blocks


def mark_outlet_boxes(page: _Page) -> None:
    """Stage 5c: the outlet's own boxes after the article ("box").

    An about-us paragraph, a newsletter or support appeal reads as prose, so it is
    found by position and voice: at the end of the article region (read backwards)
    or at the start of what follows it (read forwards, up to the first thread cue
    or comment header), a block in the outlet's voice (see outlet_voice) standing
    next to furniture, another box or the page end; short unpunctuated lines
    between such blocks (a box heading) go with them. The article keeps its first
    paragraph.
    """
    assert page.body_start is not None and page.body_end is not None
    s = page.settings
    lines = page.lines

    def short(blk: list[Line]) -> bool:
        return all(len(letter_words(ln.text)) <= s.trailing_max_words and not ends_sentence(ln.text) for ln in blk)

    def before(blk: list[Line]) -> Line | None:
        return lines[blk[0].idx - 1] if blk[0].idx > 0 else None

    def after(blk: list[Line]) -> Line | None:
        return lines[blk[-1].idx + 1] if blk[-1].idx + 1 < len(lines) else None

    def voiced(blk: list[Line]) -> bool:
        return outlet_voice(" ".join(ln.text for ln in blk), page.cues)

    def mark(run: list[list[Line]]) -> None:
        for blk in run:
            for ln in blk:
                ln.kind = "box"

    # Backwards from the end of the article region.
    blocks = _region_blocks(page, page.body_start + 1, page.body_end)
    run: list[list[Line]] = []
    last_voiced = -1
    for blk in reversed(blocks):
        nxt = after(blk)
        near = nxt is None or nxt.idx >= page.body_end or _is_box_neighbour(nxt) or (run and nxt is run[-1][0])
        if voiced(blk) and near:
            run.append(blk)
            last_voiced = len(run)
        elif short(blk) and near:
            run.append(blk)
        else:
            break
    if last_voiced > 0:
        mark(run)
    # Forwards from the end of the article region, before the thread.
    hi = page.body_end
    while hi < len(lines) and lines[hi].kind != "cue:thread" and lines[hi].name is None:
        hi += 1
    run = []
    last_voiced = 0
    for blk in _region_blocks(page, page.body_end, hi):
        prv = before(blk)
        near = _is_box_neighbour(prv) or (run and prv is run[-1][-1])
        if voiced(blk) and near:
            run.append(blk)
            last_voiced = len(run)
        elif short(blk) and near and run:
            run.append(blk)
        else:
            break
    mark(run[:last_voiced])


def _first_end(page: _Page, body_start: int) -> tuple[int, str]:
    """The first line after body_start that ends the article, else the page end.

    Also says why: "thread" when a comment starts there (a commenter's name or a
    name bullet), "widget" for a cue, a label or a wide gap, "end" for the page end.
    """
    s = page.settings
    lines = page.lines
    starts = set(author_starts(lines, body_start + 1, len(lines), page.base_gap, s))
    for ln in lines[body_start + 1 :]:
        k = ln.idx
        if ln.kind in ENDS_BODY:
            return k, "widget"
        if ln.name is not None and k in starts and (
            sum(m.name is not None for m in lines[k:]) >= 2 or thread_evidence(page, k) >= s.thread_min_evidence
        ):
            return k, "thread"
        if ln.kind is not None:
            continue
        if is_bullet_author(lines, k, s):
            return k, "thread"
        if k in starts and thread_evidence(page, k) >= s.thread_min_evidence:
            return k, "thread"
        if ln.gap_before > page.base_gap and thread_evidence(page, k) >= s.thread_min_evidence + 1:
            return k, "widget"
    return len(lines), "end"


def _voiced(page: _Page, block: list[Line]) -> bool:
    return has_comment_voice(" ".join(ln.text for ln in block), page.cues.pronouns)


def _name_roles(page: _Page, blocks: list[list[Line]]) -> list[bool]:
    """Which blocks of the article region are commenter-name lines.

    A name-shaped block is one short line standing alone (see is_name_like) with a
    further block at the usual gap after it. In a chain of consecutive name-shaped
    blocks the last one names the author of the text that follows and the roles
    alternate going backwards, so a short unpunctuated comment ("so true") does not
    pose as the next name (as in thread._author_roles).
    """
    s = page.settings
    n = len(blocks)
    shaped = [
        len(blk) == 1 and blk[0].bullet is None and is_name_like(blk[0].text, s)
        and k + 1 < n and blocks[k + 1][0].gap_before <= page.base_gap
        for k, blk in enumerate(blocks)
    ]
    roles = [False] * n
    k = 0
    while k < n:
        if not shaped[k]:
            k += 1
            continue
        e = k
        while e + 1 < n and shaped[e + 1]:
            e += 1
        for m in range(e, k - 1, -2):
            roles[m] = True
        k = e + 1
    return roles


def _has_subheadings(page: _Page, blocks: list[list[Line]]) -> bool:
    """The article uses subheadings: a lone short unpunctuated line before prose."""
    s = page.settings
    return any(
        len(blk) == 1 and not ends_sentence(blk[0].text) and len(blk[0].words) <= s.caption_max_words
        and is_prose(nxt[0].text, s)
        for blk, nxt in zip(blocks[1:], blocks[2:])
    )


def _named_tail(page: _Page, blocks: list[list[Line]], min_pairs: int) -> int | None:
    """Index of the block opening a trailing run of (name, text) pairs, or None.

    From that block to the end of the article region the blocks alternate: a name
    line (see _name_roles) followed by one to `tail_max_blocks` text blocks, at
    least `min_pairs` pairs; the block before the run is article prose. Every name
    is a personal name or a handle (see is_person_name) unless its comment is in a
    reader's voice (a lone "Alex"), and half the comments or more are in that voice.
    When the article above uses subheadings, the first pair must itself read as a
    comment (voiced, a handle, or a name that recurs): a Title-Case subheading over
    third-person reportage is not a commenter. The earliest such run wins.
    """
    s = page.settings
    particles = page.cues.name_particles
    roles = _name_roles(page, blocks)
    n = len(blocks)
    for b in range(1, n):
        if not roles[b] or not is_prose(blocks[b - 1][-1].text, s):
            continue
        pairs: list[tuple[Line, list[list[Line]]]] = []
        i = b
        while i < n and roles[i]:
            j = i + 1
            while j < n and not roles[j]:
                j += 1
            pairs.append((blocks[i][0], blocks[i + 1 : j]))
            i = j
        if len(pairs) < min_pairs or any(not texts or len(texts) > s.tail_max_blocks for _, texts in pairs):
            continue
        voiced = [any(_voiced(page, blk) for blk in texts) for _, texts in pairs]
        if not all(v or is_person_name(name.text, s, particles) for (name, _), v in zip(pairs, voiced)):
            continue
        if 2 * sum(voiced) < len(pairs):
            continue
        names = Counter(norm_line(name.text) for name, _ in pairs)
        first = pairs[0][0]
        first_ok = voiced[0] or is_handle(first.text) or names[norm_line(first.text)] >= 2
        if first_ok or not _has_subheadings(page, blocks[:b]):
            return b
    return None


def _anonymous_tail(page: _Page, blocks: list[list[Line]]) -> int | None:
    """Index of the block opening a trailing run of short reader-voiced blocks.

    Read from the end of the article region backwards: one-line blocks of at most
    `anon_max_words` words, each in a reader's voice, none a name line and none
    opening with a speaker label ("Q:", an interviewee's name and a colon). The run
    needs `anon_min_comments` blocks and leaves `anon_min_article_blocks`
    paragraphs, the last of them prose, and all in the reporter's voice: a page
    that speaks to the reader or asks questions anywhere (an op-ed, an interview)
    gives no contrast to read comments from.
    """
    s = page.settings
    b = len(blocks)
    while b > 0:
        block = blocks[b - 1]
        if len(block) != 1 or len(block[0].words) > s.anon_max_words or not _voiced(page, block):
            break
        if _SPEAKER_LABEL.match(block[0].text):
            break
        if is_name_like(block[0].text, s) and not is_informal(block[0].text):
            break
        b -= 1
    if len(blocks) - b < s.anon_min_comments or b < s.anon_min_article_blocks:
        return None
    if not is_prose(blocks[b - 1][-1].text, s) or any(_voiced(page, blk) for blk in blocks[:b]):
        return None
    return b


def find_tail_thread(page: _Page, *, thread_follows: bool = False) -> None:
    """Stage 5b: a thread with no widget, cue or wide gap before it.

    Looks only at the end of the article region found so far; a named run of
    (name, text) pairs is tried first, then an anonymous run of short blocks. When
    the region ends at a thread cue that the page repeats (a "Reply" link under
    every comment), or where an earlier stage found a comment (`thread_follows`),
    the named run may be a single pair: a thread is already under way.
    """
    page.anonymous_tail = False
    blocks = _body_blocks(page)
    if len(blocks) < 2:
        return
    assert page.body_end is not None
    lines = page.lines
    # A per-comment link ("Reply" under each comment) is a thread cue the page repeats.
    ends_in_thread = thread_follows or (
        page.body_end < len(lines) and lines[page.body_end].kind == "cue:thread"
        and sum(norm_line(ln.text) == norm_line(lines[page.body_end].text) for ln in lines) >= 2
    )
    b = _named_tail(page, blocks, 1 if ends_in_thread else page.settings.tail_min_comments)
    if b is None:
        b = _anonymous_tail(page, blocks)
        page.anonymous_tail = b is not None
    if b is not None:
        page.body_end = blocks[b][0].idx


def mark_repeats(page: _Page) -> bool:
    """Stage 6: short lines seen twice or more, before the thread, are furniture."""
    s = page.settings
    counts = Counter(norm_line(ln.text) for ln in page.lines)
    end = page.body_end if page.body_end is not None else len(page.lines)
    changed = False
    for ln in page.lines[:end]:
        if ln.kind is None and ln.idx != page.title and len(ln.words) <= s.repeat_max_words:
            if counts[norm_line(ln.text)] >= 2:
                ln.kind = "repeated"
                changed = True
    return changed


def _body_blocks(page: _Page) -> list[list[Line]]:
    """Paragraphs of the article region: runs of content lines without a blank."""
    if page.body_start is None or page.body_end is None:
        return []
    return _region_blocks(page, page.body_start, page.body_end)


def trim_trailing(page: _Page, blocks: list[list[Line]]) -> list[list[Line]]:
    """Stage 7: drop widget-shaped blocks from the end of the body.

    A trailing block goes when every line in it is short and unpunctuated (a share
    bar, a tag list, a thread's control bar such as "Follow / Sort: New · Old").
    Words are counted only when they hold a letter, so separators do not count.
    """
    s = page.settings

    def widget_line(ln: Line) -> bool:
        words = [w for w in ln.words if any(c.isalpha() for c in w)]
        return len(words) <= s.trailing_max_words and not ends_sentence(ln.text)

    while len(blocks) > 1:
        last = blocks[-1]
        if all(widget_line(ln) for ln in last):
            for ln in last:
                ln.kind = "trailing"
            blocks.pop()
        else:
            break
    return blocks


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start=start, end=end, text=text[start:end])


def segment_text(
    text: str,
    *,
    title_hint: str | None = None,
    settings: SegmentSettings = DEFAULT_SETTINGS,
    cues: CueSet | None = None,
) -> Segmentation:
    """Split a plain-text page into title, caption, body, boilerplate and comments.

    Offsets point into `text` exactly as given (callers normalise newlines first).
    """
    lines = split_lines(text)
    if not lines:
        return Segmentation()
    page = _Page(text=text, lines=lines, settings=settings, cues=cues or default_cues(),
                 base_gap=_base_gap(lines, settings))
    mark_furniture(page)
    find_title(page, title_hint)
    find_caption_and_body_start(page)
    find_body_end(page)
    if mark_repeats(page):
        find_caption_and_body_start(page)
        find_body_end(page)
    blocks = trim_trailing(page, _body_blocks(page))

    covered: set[int] = set()
    seg = Segmentation()
    if page.title is not None:
        t = lines[page.title]
        seg.title = _span(text, t.start, t.end)
        covered.add(t.idx)
    if page.caption is not None and (page.body_start is None or page.caption < page.body_start):
        c = lines[page.caption]
        cut = page.cues.caption_label_end(c.text) or 0
        # The caption span covers the descriptive text; a trailing credit is boilerplate.
        keep = cut + page.cues.caption_credit_cut(c.text[cut:])
        seg.caption = _span(text, c.start + cut, c.start + keep)
        if keep < len(c.text):
            rest = len(c.text[keep:]) - len(c.text[keep:].lstrip())
            seg.boilerplate.append(_span(text, c.start + keep + rest, c.end))
        covered.add(c.idx)
    for block in blocks:
        seg.body.append(_span(text, block[0].start, block[-1].end))
        covered.update(ln.idx for ln in block)

    thread_from = page.body_end if page.body_start is not None else (
        (page.title + 1) if page.title is not None else 0
    )
    parsed: list[ParsedComment] = parse_thread(lines, thread_from, len(lines), page.base_gap, settings,
                                               split_blocks=page.anonymous_tail)
    for pc in parsed:
        if pc.author is not None and page.cues.is_anonymous(pc.author):
            pc.author = None  # a placeholder in the name slot ("Anonymous") names nobody
        seg.comments.append(pc.to_comment(text))
        covered.update(pc.line_ids)
    for ln in lines:
        if ln.idx not in covered:
            seg.boilerplate.append(_span(text, ln.start, ln.end))
    seg.boilerplate.sort(key=lambda sp: sp.start)
    return seg
