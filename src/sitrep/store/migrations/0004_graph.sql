-- 0004 actor graph: relations between actors stated in article text
-- ("Turkish-backed X", "X, a member group of Y"), with the sentence as evidence.
-- Edges from events are built on the fly from the events table.

CREATE TABLE actor_relations (
    src       TEXT NOT NULL,              -- canonical actor name (edge source)
    dst       TEXT NOT NULL,              -- canonical actor name (edge target)
    type      TEXT NOT NULL,              -- backed_by | member_of | allied_with | ...
    doc_id    TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start     INTEGER NOT NULL,           -- sentence span in documents.text
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,              -- the sentence
    date      TEXT,                       -- ISO date: the document's published date
    src_id    TEXT,
    dst_id    TEXT,
    src_inter INTEGER,
    dst_inter INTEGER,
    cue       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, start, src, dst, type)
);
CREATE INDEX actor_relations_date ON actor_relations(date);
CREATE INDEX actor_relations_src ON actor_relations(src);
