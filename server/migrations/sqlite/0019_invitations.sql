-- Partners of the test phase (day centres, services) that hand out invitations. The operator
-- keeps the list (`pde-server admin partner add`); the console picks from it, never types one.
CREATE TABLE partners (
    id         TEXT PRIMARY KEY,
    label      TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- A batch of invitation codes printed as slips for one partner. `wallets_created` counts the
-- wallets its codes made (no per-code time, no code-to-wallet link). `created_by`: the
-- administrator's name.
CREATE TABLE invite_batches (
    id              TEXT PRIMARY KEY,
    partner_id      TEXT NOT NULL REFERENCES partners (id),
    created_by      TEXT NOT NULL,
    codes           INTEGER NOT NULL,
    uses_per_code   INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER,
    wallets_created INTEGER NOT NULL DEFAULT 0
);

-- A code's batch (none for a code made with `pde-server invite`).
ALTER TABLE invites ADD COLUMN batch_id TEXT REFERENCES invite_batches (id);

-- The partner whose slip made the wallet: set only when the deployment keeps it
-- (`--keep-partner-on-wallet`, off by default; creation times are then kept to the ISO week).
ALTER TABLE wallets ADD COLUMN partner_id TEXT;
