-- Each deposit link has a key pair of its own (see pde_crypto::deposit::link_key): the server
-- keeps its public key, which the worker gets instead of the wallet's, and the id from which the
-- holder derives its secret. Links made before keep the wallet's key (key_id NULL).
ALTER TABLE deposits ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE deposits ADD COLUMN key_id BYTEA;
UPDATE deposits SET recipient = (SELECT w.recipient FROM wallets w WHERE w.id = deposits.wallet_id);
