"""Where HTML pages state their own metadata: selector data, kept apart from logic.

Each tuple is tried in order and the first non-empty value wins, so order is
preference. Names are compared lower-cased.
"""

from __future__ import annotations

# <meta property|name=... content=...> carrying the canonical URL.
URL_META: tuple[str, ...] = ("og:url", "twitter:url")

# <link rel=...> carrying the canonical URL (after the meta tags above).
URL_LINK_RELS: tuple[str, ...] = ("canonical",)

SOURCE_META: tuple[str, ...] = ("og:site_name", "application-name")

TITLE_META: tuple[str, ...] = ("og:title", "twitter:title", "dc.title")

# Publication date meta tags, most explicit first. Modified-time tags are left
# out on purpose: an update date is not when the report was first published.
PUBLISHED_META: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
)

# itemprop values (microdata) for the publication date.
PUBLISHED_ITEMPROP: tuple[str, ...] = ("datepublished",)

# JSON-LD keys for the publication date.
PUBLISHED_JSONLD: tuple[str, ...] = ("datePublished", "dateCreated")

LANGUAGE_META: tuple[str, ...] = ("content-language", "language", "dc.language")

# Elements whose text is never page text (for the "no body text" check).
NON_TEXT_TAGS: tuple[str, ...] = ("script", "style", "noscript", "template", "head")

# class/id words of reader-comment containers. Their timestamps are not the page's
# date, so they are removed before htmldate looks for a byline date (a page with no
# date of its own would otherwise take its first comment's).
COMMENT_CONTAINER_WORDS: tuple[str, ...] = ("comment", "comments", "disqus", "respond", "replies", "reply")

# Elements around the article (menus, sidebars, footers): their dates belong to
# other posts ("recent posts" lists), so the date search skips them too.
FURNITURE_TAGS: tuple[str, ...] = ("nav", "aside", "footer")
