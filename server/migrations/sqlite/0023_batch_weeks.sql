-- What the console shows of a batch is the wallets its codes made before the current ISO week
-- began (and nothing between 1 and k−1): a live count would tell, refreshed before and after one
-- person's visit, that this person made a wallet. `last_use_week`: the start of the last week a
-- code of the batch made a wallet (Unix seconds; 0 before this migration, so the older counts are
-- all shown); `created_before_week`: the batch's wallets made before that week.
ALTER TABLE invite_batches ADD COLUMN last_use_week INTEGER NOT NULL DEFAULT 0;
ALTER TABLE invite_batches ADD COLUMN created_before_week INTEGER NOT NULL DEFAULT 0;
