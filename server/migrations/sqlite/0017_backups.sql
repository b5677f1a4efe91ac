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
