-- Wallets created over the whole server, per minute, for the hourly creation limit
-- (`--wallet-creations-per-hour`): new wallets can't fill the global storage cap at once.
CREATE TABLE creation_global (
    bucket INTEGER PRIMARY KEY,
    created INTEGER NOT NULL
);
