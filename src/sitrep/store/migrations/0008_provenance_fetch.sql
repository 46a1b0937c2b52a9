-- 0008 where a document came from beyond its file: the URL asked for and the one the
-- server answered from after redirects, the HTTP Date header and our fetch time, or
-- a channel post's channel, id, author, forward, views, links and the post it replies
-- to. Written in the document's own transaction (sitrep.ingest.provenance), so a
-- killed run never marks a URL as stored without its page.

CREATE TABLE document_provenance (
    doc_id         TEXT PRIMARY KEY REFERENCES documents(doc_id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,          -- web | telegram
    url            TEXT,                   -- as asked for (web) / post link when known
    final_url      TEXT,                   -- after redirects
    http_date      TEXT,                   -- the response's Date header, ISO 8601
    last_modified  TEXT,                   -- the response's Last-Modified header, ISO 8601
    fetched_at     TEXT,                   -- when sitrep fetched it, UTC ISO 8601
    channel        TEXT,
    post_id        INTEGER,
    author         TEXT,
    forwarded_from TEXT,
    views          INTEGER,
    reply_to       INTEGER,                -- post id this post replies to
    links          TEXT                    -- JSON list of URLs in the post
);
CREATE INDEX document_provenance_url ON document_provenance(url);
CREATE INDEX document_provenance_final_url ON document_provenance(final_url);
CREATE INDEX document_provenance_channel ON document_provenance(channel, post_id);

-- Validators of the last answer per polled URL (a feed, a sitemap), for conditional
-- GET. Saved only after everything that answer listed has been ingested.
CREATE TABLE fetch_validators (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,                    -- the header as the server sent it
    checked_at    TEXT NOT NULL
) WITHOUT ROWID;

-- Every URL (asked for and final) whose page is stored, with the document it gave: a
-- page reached under two URLs is one document and both URLs are skipped next time.
CREATE TABLE fetched_urls (
    url        TEXT PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    fetched_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX fetched_urls_doc ON fetched_urls(doc_id);
