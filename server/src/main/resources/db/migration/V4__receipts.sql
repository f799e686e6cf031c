-- Decision receipts (core dev.aragora.core.receipt): one signed record per finished debate.
-- Portable like V1: issued_at is epoch milliseconds in BIGINT, the receipt is TEXT holding its
-- canonical JSON exactly as signed (the bytes are served back unchanged, so they keep verifying).
-- Written once: INSERT ... ON CONFLICT (debate_id) DO NOTHING (SQLite >= 3.24 and PostgreSQL), so a
-- resumed or replayed debate keeps its first receipt.

CREATE TABLE receipts (
  debate_id      TEXT PRIMARY KEY REFERENCES debates (id) ON DELETE CASCADE,
  receipt_id     TEXT NOT NULL,
  key_id         TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  canonical_json TEXT NOT NULL,
  issued_at      BIGINT NOT NULL
);
