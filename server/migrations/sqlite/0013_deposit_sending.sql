-- Documents announced through a deposit link and not committed yet. Each holds its announced
-- size against the holder's quota until it is committed or its upload expires, so a link may
-- have only a few at once (MAX_DEPOSIT_SENDING): a link that announces and never sends can hold
-- back only that much of the holder's room.
ALTER TABLE deposits ADD COLUMN sending INTEGER NOT NULL DEFAULT 0;
