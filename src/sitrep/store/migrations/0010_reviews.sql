-- 0010 analyst reviews (issue #19): confirm / reject / correct a coded event as an
-- overlay on the machine's rows, never an edit of them. Append-only: a later review
-- of the same event is a new row, so an event's history stays readable and the
-- effective state is the fold of its rows in order (sitrep.review.ledger).
-- event_id is the id the reviewer named (a merged id, an old id of one, or a
-- report id); it is resolved through event_aliases when reviews are read, so a
-- review follows its event through re-ingest and fusion.

CREATE TABLE reviews (
    review_id  INTEGER PRIMARY KEY,
    event_id   TEXT NOT NULL,
    level      TEXT NOT NULL CHECK (level IN ('merged', 'report')),
    action     TEXT NOT NULL CHECK (action IN ('confirm', 'reject', 'correct')),
    fields     TEXT NOT NULL DEFAULT '{}',  -- JSON object: corrected field -> value
    machine    TEXT NOT NULL DEFAULT '{}',  -- JSON object: the machine's values of those fields then
    reviewer   TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX reviews_event ON reviews(event_id, review_id);

CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'reviews are append-only');
END;

CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'reviews are append-only');
END;
