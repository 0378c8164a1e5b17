-- One row per reminder of a service; grain_hash is the grain's uniform hash, by which silos read their range.
CREATE TABLE IF NOT EXISTS reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL, -- UTC ticks
    period        INTEGER NOT NULL, -- ticks
    etag          TEXT    NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
