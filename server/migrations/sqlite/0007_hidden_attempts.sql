-- Every try of a hidden secret costs one counted attempt, whichever route it takes.
--
-- /hidden/slot counts the attempt (per name and globally) and hands out a single-use attempt
-- id; /hidden/sessions/start and /hidden/register/start each use one up. A row lives until it
-- is used or expires.
CREATE TABLE hidden_attempts (
    id           TEXT PRIMARY KEY,
    wallet_id    TEXT REFERENCES wallets(id) ON DELETE CASCADE,
    throttle_key BLOB NOT NULL,
    bucket       INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);

-- Argon2id parameters that stretch a hidden secret's OPRF output into its slot, and of the
-- hidden parts' own credentials: fixed when the wallet is created, never changed by a new
-- everyday secret (which may come with new default parameters). Wallets made before this
-- column take the parameters of their everyday credential. Slots are stretched from this
-- version on: a hidden part set up by an earlier version is no longer found by its secret.
ALTER TABLE wallets ADD COLUMN slot_ksf TEXT NOT NULL DEFAULT '';
UPDATE wallets SET slot_ksf = ksf;
