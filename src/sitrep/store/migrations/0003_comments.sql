-- 0003 comment analysis: per-comment abuse score, flags and topics, and the
-- event-like statements readers make, kept as rumours apart from article events.
-- Rows are rewritten per document by sitrep.comments.store.write_analysis.

CREATE TABLE comment_scores (
    doc_id      TEXT NOT NULL,
    comment_idx INTEGER NOT NULL,
    author      TEXT,
    parent      INTEGER,                  -- resolved reply parent (NULL = top level)
    depth       INTEGER NOT NULL,         -- resolved depth, 0 = top level
    replies     INTEGER NOT NULL,         -- direct replies
    toxicity    REAL NOT NULL,            -- 0..1
    toxic       INTEGER NOT NULL,         -- 1 when toxicity reaches the lexicon threshold
    flags       TEXT NOT NULL,            -- JSON list: slur, insult, dehumanising, threat, incitement
    topics      TEXT NOT NULL,            -- JSON list of topic names
    hits        TEXT NOT NULL,            -- JSON list of lexicon hits (offsets into the comment)
    PRIMARY KEY (doc_id, comment_idx),
    FOREIGN KEY (doc_id, comment_idx) REFERENCES comments(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX comment_scores_author ON comment_scores(author);

CREATE TABLE comment_claims (
    doc_id      TEXT NOT NULL,
    comment_idx INTEGER NOT NULL,
    start       INTEGER NOT NULL,         -- into documents.text
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    trigger     TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'rumour' CHECK (kind = 'rumour'),
    PRIMARY KEY (doc_id, comment_idx, start),
    FOREIGN KEY (doc_id, comment_idx) REFERENCES comments(doc_id, idx) ON DELETE CASCADE
);
