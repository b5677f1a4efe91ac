-- Time-lock ("prepare my meeting"): until this Unix time the server refuses every way of opening
-- the wallet and every session of it. NULL or a past time: not locked.
ALTER TABLE wallets ADD COLUMN locked_until BIGINT;
