-- A layout built for appending, converted in place in the migrator's one transaction (so a file is
-- either all old or all new). Streams get integer ids; events live in a rowid table, so a new
-- row goes at the end of its b-tree, with a unique (stream_id, version) index keeping the log's
-- guarantee; hashes are 32 raw bytes and event times 64-bit ticks (UTC), so rows are short.
--
-- No byte the hash chain covers changes: a hash is stored as bytes only when it is 64 lowercase
-- hex digits (the only form EnvelopeChain writes) and read back as the same digits; a time is
-- stored as ticks only when it is in the canonical form ("O", UTC, seven fractional digits) and
-- its date is real, so it formats back to the same text. Anything else stays the text it was
-- (hash columns have no type affinity and keep either), and readers accept both.

-- One row per stream: its integer id and head. A stream that has only snapshots so far has a
-- row at version 0 (the catalog does not list it), so its snapshots have an id to refer to.
CREATE TABLE streams_v3 (
    id         INTEGER PRIMARY KEY,
    stream     TEXT    NOT NULL UNIQUE,
    version    INTEGER NOT NULL,
    head_hash  BLOB    NOT NULL,
    updated_at TEXT    NULL
);

CREATE TABLE events_v3 (
    stream_id       INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     INTEGER NOT NULL,
    idempotency_key TEXT    NULL,
    payload         BLOB    NOT NULL,
    previous_hash   BLOB    NOT NULL,
    hash            BLOB    NOT NULL
);

CREATE TABLE snapshots_v3 (
    stream_id    INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    head_hash    BLOB    NOT NULL,
    state_schema INTEGER NOT NULL,
    state        BLOB    NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (stream_id, version)
);

INSERT INTO streams_v3 (stream, version, head_hash, updated_at)
SELECT stream, version,
       CASE WHEN typeof(head_hash) = 'text' AND length(head_hash) = 64 AND head_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(head_hash) ELSE head_hash END,
       updated_at
FROM streams ORDER BY stream;

-- Streams with snapshots or (in a damaged file) events but no head row keep their rows too.
INSERT OR IGNORE INTO streams_v3 (stream, version, head_hash, updated_at)
SELECT stream, 0, zeroblob(32), NULL FROM (SELECT stream FROM snapshots UNION SELECT stream FROM events) ORDER BY stream;

INSERT INTO snapshots_v3 (stream_id, version, head_hash, state_schema, state, created_at)
SELECT s.id, n.version,
       CASE WHEN typeof(n.head_hash) = 'text' AND length(n.head_hash) = 64 AND n.head_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(n.head_hash) ELSE n.head_hash END,
       n.state_schema, n.state, n.created_at
FROM snapshots n JOIN streams_v3 s ON s.stream = n.stream;

-- Ticks are seconds since 0001-01-01 times 10^7 plus the seven fractional digits, exactly.
INSERT INTO events_v3 (stream_id, version, type, schema_version, occurred_at, idempotency_key, payload, previous_hash, hash)
SELECT s.id, e.version, e.type, e.schema_version,
       CASE WHEN e.occurred_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9][0-9]Z'
                 AND strftime('%Y-%m-%dT%H:%M:%S', substr(e.occurred_at, 1, 19)) = substr(e.occurred_at, 1, 19)
            THEN (unixepoch(substr(e.occurred_at, 1, 19)) + 62135596800) * 10000000 + CAST(substr(e.occurred_at, 21, 7) AS INTEGER)
            ELSE e.occurred_at END,
       e.idempotency_key, e.payload,
       CASE WHEN typeof(e.previous_hash) = 'text' AND length(e.previous_hash) = 64 AND e.previous_hash NOT GLOB '*[^0-9a-f]*' THEN unhex(e.previous_hash) ELSE e.previous_hash END,
       CASE WHEN typeof(e.hash) = 'text' AND length(e.hash) = 64 AND e.hash NOT GLOB '*[^0-9a-f]*' THEN unhex(e.hash) ELSE e.hash END
FROM events e JOIN streams_v3 s ON s.stream = e.stream
ORDER BY s.id, e.version;

DROP TABLE events;
DROP TABLE snapshots;
DROP TABLE streams;
ALTER TABLE streams_v3 RENAME TO streams;
ALTER TABLE events_v3 RENAME TO events;
ALTER TABLE snapshots_v3 RENAME TO snapshots;
CREATE UNIQUE INDEX events_stream_version ON events (stream_id, version);
