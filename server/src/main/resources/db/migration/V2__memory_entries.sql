-- Memory tiers (core dev.aragora.core.memory): remembered decisions and dissent of finished debates.
-- Portable like V1: epoch-millis BIGINT times; the embedding is TEXT (base64 of little-endian
-- float32, '' when stored without a model) rather than BLOB/BYTEA, whose names differ by vendor.
-- No foreign key to debates: memory is kept or dropped by its own tier rules, not the debate's row.

CREATE TABLE memory_entries (
  id              TEXT PRIMARY KEY,
  scope           TEXT NOT NULL,
  kind            TEXT NOT NULL,
  debate_id       TEXT NOT NULL,
  agent           TEXT NOT NULL,
  question        TEXT NOT NULL,
  text            TEXT NOT NULL,
  confidence      DOUBLE PRECISION NOT NULL,
  embedding       TEXT NOT NULL,
  embedding_model TEXT NOT NULL,
  size_bytes      INTEGER NOT NULL,
  tier            TEXT NOT NULL,
  uses            INTEGER NOT NULL,
  tier_uses       INTEGER NOT NULL,
  created_at      BIGINT NOT NULL,
  last_used_at    BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL
);

-- Search and budget sums by scope and tier; the sweep's "what has expired" by time.
CREATE INDEX memory_entries_scope_tier ON memory_entries (scope, tier, expires_at);
CREATE INDEX memory_entries_expires ON memory_entries (expires_at);

-- One row per scope. Every write to a scope's memory first bumps its row (UPDATE takes a row lock
-- on PostgreSQL and the writer lock on SQLite), so concurrent writers of one scope, on any
-- instance, take turns and budgets are summed over committed data.
CREATE TABLE memory_scopes (
  scope   TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
