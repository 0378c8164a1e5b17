-- One row the writer rewrites to learn whether the storage takes writes again after it refused
-- one (a full disk, a read-only file): readiness stays down until it does.
CREATE TABLE write_probe (
    id        INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    probed_at TEXT    NOT NULL
);
