-- 0006 how much of each report came from the parse: `confidence` (0-1, 1.0 when
-- every field came from the sentence's own parse) and `fallbacks` (the fields a
-- fallback filled, "; "-joined: "location:paragraph; actor1:unidentified").
-- Reports stored before this migration read as 1.0 / none.

ALTER TABLE events ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
ALTER TABLE events ADD COLUMN fallbacks TEXT NOT NULL DEFAULT '';
