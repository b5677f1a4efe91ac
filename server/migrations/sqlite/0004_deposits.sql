-- Deposit links: a worker with no account sends documents into a wallet. The server keeps the
-- SHA-256 of the link's access token and the holder's recipient check (see pde_crypto::deposit);
-- the label is sealed to the wallet.
CREATE TABLE deposits (
    id              TEXT PRIMARY KEY,
    wallet_id       TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    access_hash     BLOB NOT NULL,
    recipient_check BLOB NOT NULL,
    label           BLOB NOT NULL,
    max_files       INTEGER NOT NULL,
    files_received  INTEGER NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER
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
    received_at INTEGER NOT NULL,
    PRIMARY KEY (wallet_id, document_id),
    FOREIGN KEY (wallet_id, document_id) REFERENCES documents(wallet_id, id) ON DELETE CASCADE
);
