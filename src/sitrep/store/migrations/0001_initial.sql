-- 0001 initial schema: documents and their segmentation, reader comments, mentions,
-- event reports with evidence spans, non-event statements, and event sources.
-- Every offset points into documents.text.

CREATE TABLE documents (
    doc_id      TEXT PRIMARY KEY,          -- normalised content hash
    name        TEXT NOT NULL,             -- file name or JSONL record id
    origin      TEXT NOT NULL,             -- path (+ #record) it was read from
    fmt         TEXT NOT NULL,             -- text | html
    url         TEXT,
    source      TEXT,                      -- outlet
    published   TEXT,                      -- ISO date
    language    TEXT,
    title       TEXT,
    text        TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_name ON documents(name);

CREATE TABLE segments (
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,                 -- title | caption | body | boilerplate
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (doc_id, kind, idx)
);

CREATE TABLE comments (
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    author  TEXT,
    depth   INTEGER,
    parent  INTEGER,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE mentions (
    doc_id   TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    label    TEXT NOT NULL,               -- ACTOR | PLACE | DATE | ...
    text     TEXT NOT NULL,
    resolved TEXT,                        -- canonical actor or place id
    PRIMARY KEY (doc_id, start, "end", label)
);

CREATE TABLE events (
    event_id       TEXT PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    event_date     TEXT,
    time_precision INTEGER,
    date_inferred  INTEGER NOT NULL DEFAULT 0,
    event_type     TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    plover_type    TEXT,
    actor1         TEXT,
    assoc_actor_1  TEXT,
    inter1         INTEGER,
    actor2         TEXT,
    assoc_actor_2  TEXT,
    inter2         INTEGER,
    country        TEXT,
    admin1         TEXT,
    admin2         TEXT,
    location       TEXT,
    latitude       REAL,
    longitude      REAL,
    geo_precision  INTEGER,
    fatalities     INTEGER,               -- NULL = not stated
    source         TEXT,
    notes          TEXT NOT NULL DEFAULT '',
    certainty      TEXT NOT NULL,
    claimed_by     TEXT,
    rule_id        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_type ON events(sub_event_type);

CREATE TABLE evidence (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    field    TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (event_id, field, start)
);

CREATE TABLE statements (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    kind   TEXT NOT NULL,                 -- threat | plan | prediction | hypothetical
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    text   TEXT NOT NULL,
    actor  TEXT,
    PRIMARY KEY (doc_id, start, kind)
);

-- Sources of a (possibly merged) event: one row per report. Fusion fills merged_id;
-- before fusion each report is its own event.
CREATE TABLE event_sources (
    merged_id  TEXT NOT NULL,
    event_id   TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    doc_id     TEXT NOT NULL,
    source     TEXT,
    claimed_by TEXT,
    certainty  TEXT,
    PRIMARY KEY (merged_id, event_id)
);
CREATE INDEX event_sources_event ON event_sources(event_id);

-- Inputs that could not be ingested, per run, so a report survives the terminal.
CREATE TABLE skips (
    origin   TEXT NOT NULL,
    reason   TEXT NOT NULL,
    message  TEXT NOT NULL,
    seen_at  TEXT NOT NULL,
    PRIMARY KEY (origin, reason)
);
