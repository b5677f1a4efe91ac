-- Administrators of the test phase (never holders): a name and a role. `state`: `enrolling`
-- (link given), `confirming` (passkey made, code shown), `active`, `revoked`. `id` is the
-- WebAuthn user handle (a random UUID). The enrolment link's token and the confirmation code are
-- kept as SHA-256 hashes, each until used or expired.
CREATE TABLE admins (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    role               TEXT NOT NULL,
    state              TEXT NOT NULL,
    created_at         BIGINT NOT NULL,
    enrol_hash         BYTEA UNIQUE,
    enrol_expires_at   BIGINT,
    confirm_hash       BYTEA,
    confirm_expires_at BIGINT
);

-- An administrator's passkeys: webauthn-rs's record (public key, counter) as JSON.
CREATE TABLE admin_passkeys (
    id            TEXT PRIMARY KEY,
    admin_id      TEXT NOT NULL REFERENCES admins (id),
    credential_id BYTEA NOT NULL UNIQUE,
    passkey       TEXT NOT NULL,
    label         TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_used_at  BIGINT
);

-- A passkey ceremony's server-side state (webauthn-rs's, as JSON): taken once, expiring.
-- `session_hash`: the admin session a fresh assertion or a new passkey belongs to.
CREATE TABLE admin_ceremonies (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    admin_id     TEXT,
    session_hash BYTEA,
    state        TEXT NOT NULL,
    expires_at   BIGINT NOT NULL
);

-- Admin sessions, apart from wallet sessions (their own cookie on their own origin).
-- `fresh_until`: until when the session may add or remove a passkey (a fresh assertion).
CREATE TABLE admin_sessions (
    token_hash   BYTEA PRIMARY KEY,
    admin_id     TEXT NOT NULL REFERENCES admins (id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    fresh_until  BIGINT NOT NULL DEFAULT 0
);

-- What administrators and the operator did: who, what, to what (an administrator's name or a
-- passkey's label, never a wallet), when. Append-only: the database refuses changes and deletions.
CREATE TABLE admin_audit (
    seq     BIGSERIAL PRIMARY KEY,
    at      BIGINT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL
);

CREATE FUNCTION admin_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER admin_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON admin_audit
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_append_only();
