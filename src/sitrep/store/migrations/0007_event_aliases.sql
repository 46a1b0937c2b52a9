-- 0007 stable merged-event ids: a merged event keeps the id it was first given
-- while reports join (sitrep.fuse.core.assign_ids). When two merged events are
-- fused, the survivor keeps one id and the other is recorded here, old -> new;
-- so is the id a single pass over the same reports would have given, when the
-- kept one differs. export, the web API and `sitrep show` resolve through it.

CREATE TABLE event_aliases (
    alias      TEXT PRIMARY KEY,           -- an id no longer in merged_events
    merged_id  TEXT NOT NULL,              -- the merged event it now resolves to
    reason     TEXT NOT NULL,              -- fused | order
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX event_aliases_target ON event_aliases(merged_id);
