-- A change of the secret from within a session shares the table of recoveries between their two
-- messages; each finish takes only rows of its own purpose, so a change can never be finished
-- as a recovery (which needs no proof of the current secret).
ALTER TABLE pending_recoveries ADD COLUMN purpose TEXT NOT NULL DEFAULT 'recovery';
