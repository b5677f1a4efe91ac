-- Proofs of work already used (see pde_crypto::proof): past the hourly budget of unfinished
-- logins, each login, recovery or hidden-slot request carries a solved challenge, accepted once
-- by every server of the deployment. A row lives until its challenge expires.
CREATE TABLE login_proofs_spent (
    id         BYTEA PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
