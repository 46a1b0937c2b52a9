-- 0012 indexes that let the dashboard count and page 100k merged events quickly (issue #18).
-- Each replaces an index it extends, so writes keep the same number of indexes to update.
-- Measured with bench/bench_api.py on 100k events (counts alone, this machine):
--  * inter filter (inter1 = ? OR inter2 = ?): a table scan (10-20 ms) becomes a scan of
--    this narrow covering index (2.6 ms);
--  * sub-event type with a date window: the date index plus a table lookup per row
--    (13 ms) becomes one covering range (under 0.1 ms);
--  * a search's report hits reach their merged events without reading event_sources rows.

CREATE INDEX IF NOT EXISTS merged_events_inters ON merged_events(inter1, inter2);
DROP INDEX IF EXISTS merged_events_inter1;
CREATE INDEX IF NOT EXISTS events_inters ON events(inter1, inter2);
DROP INDEX IF EXISTS events_inter1;

CREATE INDEX IF NOT EXISTS merged_events_sub_date ON merged_events(sub_event_type, event_date);
DROP INDEX IF EXISTS merged_events_type;
CREATE INDEX IF NOT EXISTS events_sub_date ON events(sub_event_type, event_date);
DROP INDEX IF EXISTS events_type;

CREATE INDEX IF NOT EXISTS event_sources_event_merged ON event_sources(event_id, merged_id);
DROP INDEX IF EXISTS event_sources_event;
