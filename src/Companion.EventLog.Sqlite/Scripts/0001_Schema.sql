-- Every event of every stream, in version order. Times are ISO 8601 UTC with seven
-- fractional digits (the envelope's canonical form); payloads are the UTF-8 JSON the hash covers.
CREATE TABLE events (
    stream          TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     TEXT    NOT NULL,
    idempotency_key TEXT    NULL,
    payload         BLOB    NOT NULL,
    previous_hash   TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    PRIMARY KEY (stream, version)
) WITHOUT ROWID;

-- One row per stream: its head, so an append checks one row instead of scanning events.
CREATE TABLE streams (
    stream     TEXT    NOT NULL PRIMARY KEY,
    version    INTEGER NOT NULL,
    head_hash  TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

-- Derived state saved at a version; only ever newer ones are added.
CREATE TABLE snapshots (
    stream       TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    head_hash    TEXT    NOT NULL,
    state_schema INTEGER NOT NULL,
    state        BLOB    NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (stream, version)
);
