-- Deposit links: a worker with no account sends documents into a wallet. The server keeps the
-- SHA-256 of the link's access token and the holder's recipient check (see pde_crypto::deposit);
-- the label is sealed to the wallet.
CREATE TABLE deposits (
    id              TEXT PRIMARY KEY,
    wallet_id       TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    access_hash     BYTEA NOT NULL,
    recipient_check BYTEA NOT NULL,
    label           BYTEA NOT NULL,
    max_files       BIGINT NOT NULL,
    files_received  BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    revoked_at      BIGINT
);
CREATE INDEX deposits_by_wallet ON deposits(wallet_id);

-- Uploads started through a deposit link (the wallet's own upload rows, quota included).
CREATE TABLE deposit_uploads (
    upload_id  TEXT PRIMARY KEY REFERENCES uploads(id) ON DELETE CASCADE,
    deposit_id TEXT NOT NULL REFERENCES deposits(id) ON DELETE CASCADE
);

-- Documents that arrived through a deposit link: shown as "received, sender unverified".
CREATE TABLE received_documents (
    wallet_id   TEXT NOT NULL,
    document_id TEXT NOT NULL,
    deposit_id  TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (wallet_id, document_id),
    FOREIGN KEY (wallet_id, document_id) REFERENCES documents(wallet_id, id) ON DELETE CASCADE
);
