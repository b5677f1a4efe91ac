-- A blob whose rows are gone is not deleted at once: it is marked here and deleted by the sweeper
-- only after a grace period longer than a backup run, so that a backup whose database copy still
-- points to it finds it.
CREATE TABLE blob_tombstones (
    blob_key   TEXT PRIMARY KEY,
    deleted_at INTEGER NOT NULL
);

-- Set on every wallet part by a restore (the backup's time), shown once at the next unlock and
-- then cleared: the holder redoes a secret or sheet change made after the backup.
ALTER TABLE wallets ADD COLUMN restored_from INTEGER;

-- With --retention-months: the ISO-less coarse week (Unix seconds / 604800) of the last unlock of
-- any part, kept on the everyday wallet only, so an unlock of a hidden part writes the same value
-- in the same place as an everyday one. Empty while retention is off.
ALTER TABLE wallets ADD COLUMN active_week INTEGER;
