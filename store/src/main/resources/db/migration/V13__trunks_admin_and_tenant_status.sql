-- Trunks administered through the API, and tenants an operator can disable.
-- Portable like the other migrations: the same file runs on SQLite and PostgreSQL; timestamps are
-- epoch milliseconds (BIGINT), booleans INTEGER 0/1, lists are words separated by single spaces.

-- A trunk's password is now kept sealed (AES-256-GCM under the server's secrets key, see
-- docs/adr/0005-trunk-passwords-sealed-at-rest.md) in password_sealed. The plain password column
-- of V1 stays only so that rows written before this migration can be sealed by the server at its
-- next start, which then clears it; nothing writes it any more.
ALTER TABLE trunks ADD COLUMN password_sealed TEXT;
-- The registration interval asked of the provider, seconds.
ALTER TABLE trunks ADD COLUMN register_expiry INTEGER NOT NULL DEFAULT 3600 CHECK (register_expiry > 0);
-- Number prefixes (digits, optional leading +) that leave through this trunk; empty: every
-- external number. The longest matching prefix among a tenant's trunks wins.
ALTER TABLE trunks ADD COLUMN outbound_prefixes TEXT NOT NULL DEFAULT '';
-- The number presented as caller (From user part) on calls out through this trunk; NULL: the
-- calling extension's number.
ALTER TABLE trunks ADD COLUMN caller_id TEXT;
-- IP addresses or CIDR blocks the provider's calls arrive from, besides host:port.
ALTER TABLE trunks ADD COLUMN inbound_sources TEXT NOT NULL DEFAULT '';
-- When the trunk was first written: when several trunks claim a source, the oldest wins.
ALTER TABLE trunks ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;

-- A disabled tenant keeps its data but serves nothing: no SIP domain, no trunk, no API access.
ALTER TABLE tenants ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
