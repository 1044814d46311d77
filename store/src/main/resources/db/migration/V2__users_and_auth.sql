-- Users of the API and their credentials.
-- Portable like V1: ids are text chosen by the application, times are epoch milliseconds (BIGINT),
-- booleans are INTEGER 0/1. No password, token, key or code is stored in clear: only bcrypt
-- hashes (passwords) or SHA-256 hex digests (random tokens, keys, nonces, recovery codes).

-- roles: space-separated role names (admin, supervisor, agent, integration).
-- extension: the extension the user is bound to; checked by the application, not by a foreign
-- key, so that deleting an extension does not need to touch users.
-- totp_secret: base32 TOTP secret, pending until totp_enabled = 1; totp_last_step is the last
-- time step whose code was accepted, so a code is never accepted twice.
CREATE TABLE users (
    id             TEXT    NOT NULL PRIMARY KEY,
    tenant_id      TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    username       TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    roles          TEXT    NOT NULL,
    extension      TEXT,
    totp_secret    TEXT,
    totp_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    totp_last_step BIGINT,
    disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    UNIQUE (tenant_id, username)
);

-- One-time second-factor codes; used_at is set when one is spent.
CREATE TABLE recovery_codes (
    user_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT   NOT NULL,
    used_at   BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- Rotating refresh tokens. Each exchange marks the presented token rotated and issues a successor
-- in the same family; presenting a rotated token again revokes the whole family.
CREATE TABLE refresh_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    family_id  TEXT   NOT NULL,
    tenant_id  TEXT   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT   NOT NULL,
    issued_at  BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    rotated_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);

-- A password login waiting for its second factor: single use, short-lived, few attempts.
CREATE TABLE mfa_challenges (
    nonce_hash TEXT    NOT NULL PRIMARY KEY,
    tenant_id  TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id  TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    used_at    BIGINT
);
CREATE INDEX mfa_challenges_by_expiry ON mfa_challenges (expires_at);

-- Keys for integrations, acting for the user that owns them within the listed scopes
-- (space-separated). The key itself is shown once; secret_hash is the SHA-256 of its secret part.
CREATE TABLE api_keys (
    id           TEXT   NOT NULL PRIMARY KEY,
    tenant_id    TEXT   NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL,
    secret_hash  TEXT   NOT NULL,
    scopes       TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id);

-- Failed password checks per login name (known or not), for lockout.
CREATE TABLE login_attempts (
    tenant_id         TEXT    NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    username          TEXT    NOT NULL,
    failures          INTEGER NOT NULL,
    window_started_at BIGINT  NOT NULL,
    locked_until      BIGINT,
    PRIMARY KEY (tenant_id, username)
);
