-- Replacing a forgotten secret with the recovery key. The verifier is SHA-256 of the client's
-- recovery token (HKDF of the recovery key): 128 random bits behind it, so a stolen database
-- allows no guessing. Nullable: wallets created before this migration have none and can't recover.
ALTER TABLE wallets ADD COLUMN recovery_verifier BLOB;

-- A recovery between its two messages (the recovery key was proven at the first).
CREATE TABLE pending_recoveries (
    id         TEXT PRIMARY KEY,
    wallet_id  TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    ksf        TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX pending_recoveries_by_wallet ON pending_recoveries(wallet_id);
