-- 0009 full-text search for the dashboard (issue #18): SQLite FTS5 over page titles,
-- captions and body paragraphs, over event reports' notes, actor names and places,
-- and, in a table of its own, over reader comments, so a comment never answers an
-- event or document query. Each index row shares the rowid of the row it indexes,
-- and triggers keep the indexes in step with every write, so ingest needs no
-- extra code and a killed batch rolls its index rows back with it.
-- unicode61 with remove_diacritics 2: 'Ma''arrat' and 'Maarrat', 'Hamāh' and 'Hamah' match.

CREATE VIRTUAL TABLE search_segments USING fts5(
    text, doc_id UNINDEXED, kind UNINDEXED, idx UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_events USING fts5(
    notes, actors, place, event_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_comments USING fts5(
    text, author, doc_id UNINDEXED, idx UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO search_segments(rowid, text, doc_id, kind, idx)
    SELECT rowid, text, doc_id, kind, idx FROM segments WHERE kind IN ('title', 'caption', 'body');
INSERT INTO search_events(rowid, notes, actors, place, event_id)
    SELECT rowid, notes, coalesce(actor1, '') || ' ' || coalesce(assoc_actor_1, '') || ' ' || coalesce(actor2, '') || ' ' || coalesce(assoc_actor_2, ''),
           coalesce(location, '') || ' ' || coalesce(admin2, '') || ' ' || coalesce(admin1, ''), event_id FROM events;
INSERT INTO search_comments(rowid, text, author, doc_id, idx)
    SELECT rowid, text, author, doc_id, idx FROM comments;

CREATE TRIGGER search_segments_ai AFTER INSERT ON segments WHEN new.kind IN ('title', 'caption', 'body')
BEGIN
    INSERT INTO search_segments(rowid, text, doc_id, kind, idx) VALUES (new.rowid, new.text, new.doc_id, new.kind, new.idx);
END;
CREATE TRIGGER search_segments_ad AFTER DELETE ON segments
BEGIN
    DELETE FROM search_segments WHERE rowid = old.rowid;
END;

-- events are written with INSERT OR REPLACE, whose implicit delete fires no trigger:
-- drop the index row of the report being replaced before the new one lands
CREATE TRIGGER search_events_bi BEFORE INSERT ON events
BEGIN
    DELETE FROM search_events WHERE rowid IN (SELECT rowid FROM events WHERE event_id = new.event_id);
END;
CREATE TRIGGER search_events_ai AFTER INSERT ON events
BEGIN
    INSERT INTO search_events(rowid, notes, actors, place, event_id) VALUES (
        new.rowid, new.notes, coalesce(new.actor1, '') || ' ' || coalesce(new.assoc_actor_1, '') || ' ' || coalesce(new.actor2, '') || ' ' || coalesce(new.assoc_actor_2, ''),
        coalesce(new.location, '') || ' ' || coalesce(new.admin2, '') || ' ' || coalesce(new.admin1, ''), new.event_id);
END;
CREATE TRIGGER search_events_au AFTER UPDATE OF notes, actor1, assoc_actor_1, actor2, assoc_actor_2, location, admin1, admin2 ON events
BEGIN
    DELETE FROM search_events WHERE rowid = old.rowid;
    INSERT INTO search_events(rowid, notes, actors, place, event_id) VALUES (
        new.rowid, new.notes, coalesce(new.actor1, '') || ' ' || coalesce(new.assoc_actor_1, '') || ' ' || coalesce(new.actor2, '') || ' ' || coalesce(new.assoc_actor_2, ''),
        coalesce(new.location, '') || ' ' || coalesce(new.admin2, '') || ' ' || coalesce(new.admin1, ''), new.event_id);
END;
CREATE TRIGGER search_events_ad AFTER DELETE ON events
BEGIN
    DELETE FROM search_events WHERE rowid = old.rowid;
END;

CREATE TRIGGER search_comments_ai AFTER INSERT ON comments
BEGIN
    INSERT INTO search_comments(rowid, text, author, doc_id, idx) VALUES (new.rowid, new.text, new.author, new.doc_id, new.idx);
END;
CREATE TRIGGER search_comments_ad AFTER DELETE ON comments
BEGIN
    DELETE FROM search_comments WHERE rowid = old.rowid;
END;

-- the dashboard's inter-code and corroboration filters (issue #18), indexed like those of 0005
CREATE INDEX IF NOT EXISTS merged_events_inter1 ON merged_events(inter1);
CREATE INDEX IF NOT EXISTS merged_events_inter2 ON merged_events(inter2);
CREATE INDEX IF NOT EXISTS merged_events_corroboration ON merged_events(fusion_certainty, event_date);
CREATE INDEX IF NOT EXISTS events_inter1 ON events(inter1);
CREATE INDEX IF NOT EXISTS events_inter2 ON events(inter2);
-- a page that matches a search selects its merged events through this index, without the report hop
CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources(doc_id, merged_id);
