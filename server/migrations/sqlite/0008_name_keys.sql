-- Attempt counters are now keyed by an HMAC of the name under a secret derived from the server
-- setup (pde_crypto::names), no longer by a plain SHA-256 of what was typed, which a database
-- reader could reverse for a PIN typed into the name field. The old records are dropped: back-off
-- starts afresh once, and no unfinished login survives the upgrade.
DELETE FROM login_states;
DELETE FROM hidden_attempts;
DELETE FROM login_throttle;
