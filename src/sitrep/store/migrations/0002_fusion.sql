-- 0002 fusion: merged events (one row per cluster of event reports, with ACLED's
-- columns and fusion's own), and the blocking keys each report is filed under so
-- that incremental fusion finds candidates without recomputing the world.
-- event_sources (0001) maps every report to its merged_id.

CREATE TABLE merged_events (
    merged_id          TEXT PRIMARY KEY,    -- hash of the sorted member event ids
    lead_event_id      TEXT NOT NULL,       -- report the type, actors and notes came from
    event_id_cnty      TEXT NOT NULL,
    event_date         TEXT,
    year               INTEGER,
    time_precision     INTEGER,
    disorder_type      TEXT,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    plover_type        TEXT,
    actor1             TEXT,
    assoc_actor_1      TEXT,
    inter1             INTEGER,
    actor2             TEXT,
    assoc_actor_2      TEXT,
    inter2             INTEGER,
    interaction        INTEGER,
    civilian_targeting TEXT,
    iso                INTEGER,
    region             TEXT,
    country            TEXT,
    admin1             TEXT,
    admin2             TEXT,
    admin3             TEXT,
    location           TEXT,
    latitude           REAL,
    longitude          REAL,
    geo_precision      INTEGER,
    source             TEXT,                -- outlets joined by semicolons
    source_scale       TEXT,
    notes              TEXT NOT NULL DEFAULT '',
    fatalities         INTEGER,             -- most reliable outlet's figure, NULL = none stated
    tags               TEXT,
    timestamp          INTEGER,
    n_sources          INTEGER NOT NULL,
    n_outlets          INTEGER NOT NULL,
    fusion_certainty   TEXT NOT NULL,       -- single-source | corroborated | contested
    fatalities_min     INTEGER,
    fatalities_max     INTEGER,
    updated_at         TEXT NOT NULL
);
CREATE INDEX merged_events_date ON merged_events(event_date);
CREATE INDEX merged_events_type ON merged_events(sub_event_type);

CREATE TABLE event_blocks (
    block_key TEXT NOT NULL,               -- role|family|date bucket|place key
    event_id  TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    PRIMARY KEY (block_key, event_id)
) WITHOUT ROWID;
CREATE INDEX event_blocks_event ON event_blocks(event_id);
CREATE INDEX event_sources_merged ON event_sources(merged_id);
