-- 0011 where each document's publication date came from (sitrep.ingest.dates:
-- meta | dateline | warc | manifest | --published; NULL when undated or stored
-- before this column existed). Yearless and relative event dates are counted from
-- `published`, so an analyst needs to tell a date the page states from one the
-- user supplied for a whole run.

ALTER TABLE documents ADD COLUMN published_source TEXT;
