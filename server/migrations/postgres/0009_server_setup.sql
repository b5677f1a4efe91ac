-- The fingerprint (SHA-256 of the public key) of the OPAQUE server setup this database's
-- credentials were made with. A server whose secrets directory holds another setup, or none,
-- refuses to start instead of answering every holder "wrong secret".
CREATE TABLE server_setup (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint BYTEA NOT NULL
);
