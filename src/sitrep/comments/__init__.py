"""Reader-comment analysis, kept apart from article events.

Pure functions over one page's `Comment` records (thread shape, abuse score,
topics, event-like claims kept as rumours) plus store helpers. See
docs/comments.md for the method.
"""

from sitrep.comments.analysis import CommentAnalysis, CommentResult, analyse_comments
from sitrep.comments.claims import Claim, find_claims
from sitrep.comments.store import analyse_all, analyse_stored, author_summary, load_analysis, write_analysis
from sitrep.comments.threads import ThreadStats, author_counts, thread_shape
from sitrep.comments.topics import thread_topics, topics_of
from sitrep.comments.toxicity import ToxicityResult, score_text

__all__ = [
    "Claim", "CommentAnalysis", "CommentResult", "ThreadStats", "ToxicityResult", "analyse_all",
    "analyse_comments", "analyse_stored", "author_counts", "author_summary", "find_claims",
    "load_analysis", "score_text", "thread_shape", "thread_topics", "topics_of", "write_analysis",
]  # fmt: skip
