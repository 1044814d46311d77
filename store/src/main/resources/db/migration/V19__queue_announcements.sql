-- A queue's announcement (issue #6): the SHA-256 (lower-case hex) of an uploaded prompt, stored by the
-- server with the voice-menu prompts as <data_dir>/prompts/<tenant>/<sha256>.wav, played to each waiting
-- caller whenever the queue announces (on entry and every announce_every_ms); NULL: callers hear music
-- only. Portable: the same statement runs on SQLite and PostgreSQL. Saving a queue's settings keeps it.
ALTER TABLE queues ADD COLUMN announcement TEXT;
