-- Portable across SQLite and PostgreSQL: one script set serves both vendors.
-- Timestamps are epoch milliseconds in BIGINT (sorts and compares the same on both; no
-- vendor date types). JSON is TEXT (the application reads and writes it; no JSONB queries).

CREATE TABLE debates (
  id            TEXT PRIMARY KEY,
  status        TEXT NOT NULL,
  task          TEXT NOT NULL,
  request_json  TEXT NOT NULL,
  result_json   TEXT,
  error         TEXT,
  metadata_json TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  started_at    BIGINT,
  finished_at   BIGINT,
  queue_seq     BIGINT NOT NULL UNIQUE
);

-- Status-filtered listing (newest first) and restart recovery by status.
CREATE INDEX debates_status_created ON debates (status, created_at, queue_seq);
-- Unfiltered listing, newest first.
CREATE INDEX debates_created ON debates (created_at, queue_seq);

-- One-row-per-name counters. UPDATE ... RETURNING takes a row lock on PostgreSQL (and the single
-- writer lock on SQLite), so concurrent creates never draw the same queue_seq.
CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('queue_seq', 0);

-- The append-only event log: the source of truth for a debate's progress.
CREATE TABLE debate_events (
  debate_id     TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
  seq           BIGINT NOT NULL,
  type          TEXT NOT NULL,
  round         INTEGER NOT NULL,
  agent         TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  envelope_json TEXT NOT NULL,
  PRIMARY KEY (debate_id, seq)
);
