-- Grant links. The server keeps only SHA-256 hashes of the tokens derived from the link's
-- secret (and PIN); the documents are ciphertext sealed to a grant key that it stores wrapped
-- under that secret and PIN. See pde_crypto::grant.
CREATE TABLE grants (
    id             TEXT PRIMARY KEY,
    wallet_id      TEXT NOT NULL REFERENCES wallets(id) ON DELETE CASCADE,
    access_hash    BYTEA NOT NULL,
    pin_hash       BYTEA,
    pin_failures   BIGINT NOT NULL DEFAULT 0,
    wrapped_key    BYTEA NOT NULL,
    label          BYTEA NOT NULL,
    document_count BIGINT NOT NULL,
    reserved_bytes BIGINT NOT NULL,
    max_openings   BIGINT,
    openings       BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    purged_at      BIGINT
);
CREATE INDEX grants_by_wallet ON grants(wallet_id);

-- One granted document, declared when the grant is created (size, metadata sealed to the
-- grant key); stored_at is set once its ciphertext is durably in the blob store.
CREATE TABLE grant_documents (
    grant_id   TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    blob_key   TEXT NOT NULL,
    size       BIGINT NOT NULL,
    metadata   BYTEA NOT NULL,
    stored_at  BIGINT,
    PRIMARY KEY (grant_id, position)
);
CREATE INDEX grant_documents_by_blob ON grant_documents(blob_key);

-- Each opening (a token exchanged, not a page load): the holder's access log, and the token
-- (hashed) that lets that worker fetch the documents for a while.
CREATE TABLE grant_openings (
    token_hash BYTEA PRIMARY KEY,
    grant_id   TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    opened_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX grant_openings_by_grant ON grant_openings(grant_id);
