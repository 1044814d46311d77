-- Queues callers dial and queues that speak (issue #6). Portable: the same statements run on SQLite and
-- PostgreSQL.
--   number:        what the tenant's phones dial to reach the queue (digits); NULL = no phone dials it.
--                  Unique in the tenant (NULLs never clash); the API also keeps it apart from extensions.
--   language:      'en', 'pt' or 'es': the language a waiting caller hears its position (and wait) in.
--   announce_wait: 1 = an announcement also says the estimated wait (the average answer time, minutes).
ALTER TABLE queues ADD COLUMN number TEXT;
ALTER TABLE queues ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'pt', 'es'));
ALTER TABLE queues ADD COLUMN announce_wait INTEGER NOT NULL DEFAULT 0 CHECK (announce_wait IN (0, 1));
CREATE UNIQUE INDEX queues_by_number ON queues (tenant_id, number);
