-- Streams that are not debates (the `_leaderboard` ranking channel): their events are stored like
-- a debate's, so that every instance numbers them in one sequence and serves the same replay.
-- Only the most recent ones are kept (the application deletes older rows as it appends).
CREATE TABLE channel_events (
  channel       TEXT NOT NULL,
  seq           BIGINT NOT NULL,
  type          TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  envelope_json TEXT NOT NULL,
  PRIMARY KEY (channel, seq)
);
