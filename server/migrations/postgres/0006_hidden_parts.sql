-- Hidden parts: a wallet row of its own (key, OPAQUE credential, quota, documents, grants,
-- deposit links) attached to the everyday wallet. It has no number or pseudonym of its own
-- (its number column holds an internal, never-shown value) and is found by its slot: an OPRF
-- output of its secret under a key derived from the server setup (see pde_crypto::hidden).
ALTER TABLE wallets ADD COLUMN hidden_of TEXT REFERENCES wallets(id) ON DELETE CASCADE;
ALTER TABLE wallets ADD COLUMN hidden_slot BYTEA;
CREATE UNIQUE INDEX wallets_hidden_slot ON wallets(hidden_of, hidden_slot);

-- A hidden part between its two OPAQUE registration messages.
CREATE TABLE pending_hidden (
    id         TEXT PRIMARY KEY,
    wallet_id  TEXT NOT NULL,
    parent_id  TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    slot       BYTEA NOT NULL,
    ksf        TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
