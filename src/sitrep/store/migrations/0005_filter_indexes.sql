-- 0005 indexes for the dashboard's filters (type, actor, place box, outlet, certainty).
-- Without them each filtered /api/events query scanned the whole events table:
-- bench/bench_api.py on 100k events went from p95 84 ms to about 30 ms with them.

CREATE INDEX IF NOT EXISTS merged_events_type_date ON merged_events(event_type, event_date);
CREATE INDEX IF NOT EXISTS merged_events_actor1 ON merged_events(actor1);
CREATE INDEX IF NOT EXISTS merged_events_actor2 ON merged_events(actor2);
CREATE INDEX IF NOT EXISTS merged_events_latlon ON merged_events(latitude, longitude);
CREATE INDEX IF NOT EXISTS event_sources_source ON event_sources(source, merged_id);
CREATE INDEX IF NOT EXISTS event_sources_certainty ON event_sources(certainty, merged_id);
CREATE INDEX IF NOT EXISTS events_type_date ON events(event_type, event_date);
CREATE INDEX IF NOT EXISTS events_actor1 ON events(actor1);
CREATE INDEX IF NOT EXISTS events_actor2 ON events(actor2);
CREATE INDEX IF NOT EXISTS events_latlon ON events(latitude, longitude);
