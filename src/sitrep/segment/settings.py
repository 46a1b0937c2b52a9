"""Thresholds of the segmentation cascade, in one place.

How they were chosen: by looking at the *shape* of news pages rather than at any one
outlet. Headlines run 3-25 words without a final full stop; photo captions are one
short line; article paragraphs are long, punctuated sentences; commenter names are
one short line of at most a handful of words; donation widgets are mostly digits,
currency signs and long address tokens. Each value below sits comfortably between
the two populations it separates on the development pages and on the invented
fixture pages in tests/fixtures/segment, and was then rounded to a plain number so
that it is not fitted to any single page. Change them through `SegmentSettings`
rather than editing the code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SegmentSettings:
    """Named thresholds; the defaults are `DEFAULT_SETTINGS`."""

    # Title: the first headline-shaped line. Fewer words than this is a menu item or
    # a site name; more is a paragraph.
    title_min_words: int = 3
    title_min_chars: int = 15
    title_max_words: int = 30
    # Share of words of 4+ letters that start upper-case for a line to read as a
    # Title-Cased headline rather than a sentence-case photo caption.
    title_case_share: float = 0.85

    # Caption: one short line between title and body without sentence punctuation.
    caption_max_chars: int = 120
    caption_max_words: int = 20

    # Prose: a line reads as article prose when it has at least this many words and
    # ends a sentence, or is simply this long.
    prose_min_words: int = 8
    prose_long_words: int = 20

    # Author line: commenter names are short; headlines and sentences are longer.
    author_max_chars: int = 40
    author_max_words: int = 5

    # Cue phrases only count on short lines (a sentence that mentions a cue is prose).
    cue_max_words: int = 14

    # Donation widgets: a token this long that mixes letters and digits is an
    # address or hash, never a word (the longest English words are ~20 letters).
    long_token_chars: int = 25
    # Lines whose letters are less than this share of their visible characters are
    # amounts, counters or separators ("2,500 $", "----").
    min_letter_share: float = 0.45

    # A run of at least this many consecutive very short unpunctuated lines is a menu
    # or a widget's control bar ("Notify of / Newest Most Voted / ...").
    menu_min_run: int = 3
    menu_max_words: int = 3

    # Placeholder/status lines ("Loading ...") end in an ellipsis and are this short.
    placeholder_max_words: int = 5

    # A short line that ends with ':' and is not followed by prose is a widget label.
    label_max_words: int = 6

    # Short lines repeated on a page (outside the comment thread) are furniture.
    repeat_max_words: int = 12

    # Evidence needed before a short name-like line is taken as the first author of a
    # comment thread instead of an article subheading (see thread_evidence()).
    thread_min_evidence: int = 2

    # Short unpunctuated lines left at the very end of the body (share bars, tag
    # lists) are trimmed off when they have at most this many words.
    trailing_max_words: int = 6

    # Threads with no widget or cue line before them (see text.find_tail_thread).
    # Named: a run of (name line, text) pairs reaching the end of the article region,
    # at least this many pairs, each name followed by at most this many text blocks
    # (a subheading is followed by several reportage paragraphs). A personal name has
    # at most this many tokens.
    tail_min_comments: int = 2
    tail_max_blocks: int = 2
    name_max_tokens: int = 4
    # Anonymous: at least this many short blocks (at most this many words each),
    # every one in a reader's voice, after a reportage paragraph; the article keeps
    # at least this many paragraphs (a single paragraph is never taken as comments).
    anon_min_comments: int = 2
    anon_max_words: int = 40
    anon_min_article_blocks: int = 2

    # Short input: a text of at most this many non-empty lines and characters that the
    # cascade found no body in (a channel post, a wire snippet, a JSONL record, a
    # headline) is a report in itself: its lines are the body. Full pages run to
    # dozens of lines; the longest short reports fed as records are a few sentences.
    short_input_max_lines: int = 4
    short_input_max_chars: int = 1500

    # Longest body paragraph handed to the NLP stage. spaCy refuses a text over
    # nlp.max_length (1,000,000 characters, error E088) and its parser and NER need
    # about 1 GB of memory per 100,000 characters, so a longer paragraph (a page
    # without line breaks, a dump glued into one line) is split at line, then
    # sentence, then word boundaries into pieces of at most this many characters,
    # each its own body span with its own offsets (see `segment.long.split_long_spans`).
    # Real news paragraphs stay under ~3,000 characters, far below.
    max_paragraph_chars: int = 100_000


DEFAULT_SETTINGS = SegmentSettings()
