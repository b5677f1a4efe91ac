-- Statistics without content access: counters only ever added to, in the transaction of the
-- event they count (see server/src/service/statistics.rs). `period_start`: Unix seconds of the
-- start of the ISO week (Monday 00:00 UTC), or of the month for `active_month`. `partner_id`:
-- the partner whose slip made the wallet ('' when none is known or kept). Never decremented,
-- never recomputed from other rows.
CREATE TABLE stat_counters (
    event        TEXT NOT NULL,
    period_start INTEGER NOT NULL,
    partner_id   TEXT NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (event, period_start, partner_id)
);

-- The week and month a wallet (with its hidden parts) was last counted as active: the first
-- unlock of a week or month counts once. Kept on the everyday wallet only, to the week's and
-- the month's start.
ALTER TABLE wallets ADD COLUMN stat_week INTEGER;
ALTER TABLE wallets ADD COLUMN stat_month INTEGER;
