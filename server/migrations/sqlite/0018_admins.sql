-- Administrators of the test phase (never holders): a name and a role. `state`: `enrolling`
-- (link given), `confirming` (passkey made, code shown), `active`, `revoked`. `id` is the
-- WebAuthn user handle (a random UUID). The enrolment link's token and the confirmation code are
-- kept as SHA-256 hashes, each until used or expired.
CREATE TABLE admins (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE,
    role               TEXT NOT NULL,
    state              TEXT NOT NULL,
    created_at         INTEGER NOT NULL,
    enrol_hash         BLOB UNIQUE,
    enrol_expires_at   INTEGER,
    confirm_hash       BLOB,
    confirm_expires_at INTEGER
);

-- An administrator's passkeys: webauthn-rs's record (public key, counter) as JSON.
CREATE TABLE admin_passkeys (
    id            TEXT PRIMARY KEY,
    admin_id      TEXT NOT NULL REFERENCES admins (id),
    credential_id BLOB NOT NULL UNIQUE,
    passkey       TEXT NOT NULL,
    label         TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
);

-- A passkey ceremony's server-side state (webauthn-rs's, as JSON): taken once, expiring.
-- `session_hash`: the admin session a fresh assertion or a new passkey belongs to.
CREATE TABLE admin_ceremonies (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    admin_id     TEXT,
    session_hash BLOB,
    state        TEXT NOT NULL,
    expires_at   INTEGER NOT NULL
);

-- Admin sessions, apart from wallet sessions (their own cookie on their own origin).
-- `fresh_until`: until when the session may add or remove a passkey (a fresh assertion).
CREATE TABLE admin_sessions (
    token_hash   BLOB PRIMARY KEY,
    admin_id     TEXT NOT NULL REFERENCES admins (id),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    fresh_until  INTEGER NOT NULL DEFAULT 0
);

-- What administrators and the operator did: who, what, to what (an administrator's name or a
-- passkey's label, never a wallet), when. Append-only: the database refuses changes and deletions.
CREATE TABLE admin_audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL
);

CREATE TRIGGER admin_audit_no_update BEFORE UPDATE ON admin_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER admin_audit_no_delete BEFORE DELETE ON admin_audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
