-- PDE schema, PostgreSQL. Times are Unix seconds. No e-mail, phone, name, IP address or user agent.
CREATE TABLE wallets (
    id            TEXT PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    pseudonym     TEXT UNIQUE,
    recipient     TEXT NOT NULL,
    password_file BYTEA NOT NULL,
    ksf           TEXT NOT NULL,
    used_bytes    BIGINT NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);

CREATE TABLE wrapped_keys (
    wallet_id  TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    method     TEXT NOT NULL,
    key_id     TEXT NOT NULL,
    wrapped    BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (wallet_id, method, key_id)
);

CREATE TABLE pending_registrations (
    id          TEXT PRIMARY KEY,
    wallet_id   TEXT NOT NULL,
    number      TEXT NOT NULL,
    pseudonym   TEXT,
    ksf         TEXT NOT NULL,
    invite_hash BYTEA,
    expires_at  BIGINT NOT NULL
);

CREATE TABLE invites (
    code_hash      BYTEA PRIMARY KEY,
    remaining_uses BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    created_at     BIGINT NOT NULL
);

CREATE TABLE login_throttle (
    key           BYTEA PRIMARY KEY,
    failures      BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE login_global (
    bucket   BIGINT PRIMARY KEY,
    failures BIGINT NOT NULL
);

CREATE TABLE login_states (
    id           TEXT PRIMARY KEY,
    wallet_id    TEXT,
    state        BYTEA NOT NULL,
    throttle_key BYTEA NOT NULL,
    bucket       BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash   BYTEA PRIMARY KEY,
    wallet_id    TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_wallet ON sessions(wallet_id);

CREATE TABLE uploads (
    id             TEXT PRIMARY KEY,
    wallet_id      TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    document_id    TEXT NOT NULL,
    ciphertext_len BIGINT NOT NULL,
    part_size      BIGINT NOT NULL,
    part_count     BIGINT NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    UNIQUE (wallet_id, document_id)
);

CREATE TABLE upload_parts (
    upload_id TEXT NOT NULL REFERENCES uploads(id) ON DELETE CASCADE,
    part      BIGINT NOT NULL,
    len       BIGINT NOT NULL,
    PRIMARY KEY (upload_id, part)
);

CREATE TABLE documents (
    wallet_id  TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    blob_key   TEXT NOT NULL UNIQUE,
    size       BIGINT NOT NULL,
    metadata   BYTEA NOT NULL,
    tag        BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (wallet_id, id)
);

CREATE TABLE global_usage (
    id         BIGINT PRIMARY KEY CHECK (id = 1),
    used_bytes BIGINT NOT NULL,
    wallets    BIGINT NOT NULL
);
INSERT INTO global_usage (id, used_bytes, wallets) VALUES (1, 0, 0);
