-- A new recovery sheet made with the secret alone waits here for 7 days: meanwhile the old sheet
-- still works (and cancels it). One at most per wallet; it goes with the wallet.
CREATE TABLE pending_sheets (
    wallet_id    TEXT PRIMARY KEY REFERENCES wallets(id) ON DELETE CASCADE,
    verifier     BYTEA NOT NULL,
    key_id       TEXT NOT NULL,
    wrapped      BYTEA NOT NULL,
    made_at      BIGINT NOT NULL,
    effective_at BIGINT NOT NULL
);
