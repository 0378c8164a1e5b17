-- One row per grain state of a service, as the grain storage serializer wrote it.
CREATE TABLE IF NOT EXISTS grain_state (
    service_id TEXT NOT NULL,
    state_name TEXT NOT NULL,
    grain_id   TEXT NOT NULL,
    etag       TEXT NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (service_id, state_name, grain_id)
);
