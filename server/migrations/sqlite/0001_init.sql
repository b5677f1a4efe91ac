-- PDE schema, SQLite. Times are Unix seconds. No e-mail, phone, name, IP address or user agent.
CREATE TABLE wallets (
    id            TEXT PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    pseudonym     TEXT UNIQUE,
    recipient     TEXT NOT NULL,
    password_file BLOB NOT NULL,
    ksf           TEXT NOT NULL,
    used_bytes    INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE wrapped_keys (
    wallet_id  TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    method     TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    wrapped    BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (wallet_id, method, key_id)
);

CREATE TABLE pending_registrations (
    id          TEXT PRIMARY KEY,
    wallet_id   TEXT NOT NULL,
    number      TEXT NOT NULL,
    pseudonym   TEXT,
    ksf         TEXT NOT NULL,
    invite_hash BLOB,
    expires_at  INTEGER NOT NULL
);

CREATE TABLE invites (
    code_hash      BLOB PRIMARY KEY,
    remaining_uses INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE login_throttle (
    key           BLOB PRIMARY KEY,
    failures      INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE login_global (
    bucket   INTEGER PRIMARY KEY,
    failures INTEGER NOT NULL
);

CREATE TABLE login_states (
    id           TEXT PRIMARY KEY,
    wallet_id    TEXT,
    state        BLOB NOT NULL,
    throttle_key BLOB NOT NULL,
    bucket       INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash   BLOB PRIMARY KEY,
    wallet_id    TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_wallet ON sessions(wallet_id);

CREATE TABLE uploads (
    id             TEXT PRIMARY KEY,
    wallet_id      TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    document_id    TEXT NOT NULL,
    ciphertext_len INTEGER NOT NULL,
    part_size      INTEGER NOT NULL,
    part_count     INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    UNIQUE (wallet_id, document_id)
);

CREATE TABLE upload_parts (
    upload_id TEXT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    part      INTEGER NOT NULL,
    len       INTEGER NOT NULL,
    PRIMARY KEY (upload_id, part)
);

CREATE TABLE documents (
    wallet_id  TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    blob_key   TEXT NOT NULL UNIQUE,
    size       INTEGER NOT NULL,
    metadata   BLOB NOT NULL,
    tag        BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (wallet_id, id)
);

CREATE TABLE global_usage (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    used_bytes INTEGER NOT NULL,
    wallets    INTEGER NOT NULL
);
INSERT INTO global_usage (id, used_bytes, wallets) VALUES (1, 0, 0);
