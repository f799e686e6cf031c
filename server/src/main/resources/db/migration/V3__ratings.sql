-- Rankings (core dev.aragora.core.ranking): ELO per agent identity (provider/model), overall and
-- per domain, the match and history rows of every finished debate, and each vote as a calibration
-- prediction. Portable like V1: epoch-millis BIGINT, JSON as TEXT, booleans as INTEGER 0/1.
-- No foreign keys to debates: rankings outlive the debate rows they came from.

-- One row per identity and domain; domain '' is the overall rating and record.
CREATE TABLE ratings (
  agent      TEXT NOT NULL,
  domain     TEXT NOT NULL,
  elo        DOUBLE PRECISION NOT NULL,
  wins       INTEGER NOT NULL,
  losses     INTEGER NOT NULL,
  draws      INTEGER NOT NULL,
  matches    INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (agent, domain)
);
-- The leaderboard: best first within a domain.
CREATE INDEX ratings_domain_elo ON ratings (domain, elo);

-- One row per debate (seq 0 until the claim takes its number). Its primary key is the idempotence guard: a debate recorded again (replay,
-- resume, a second instance) conflicts here first and changes nothing.
CREATE TABLE matches (
  debate_id         TEXT PRIMARY KEY,
  domain            TEXT NOT NULL,
  winner            TEXT NOT NULL,
  consensus_reached INTEGER NOT NULL,
  rated             INTEGER NOT NULL,
  participants_json TEXT NOT NULL,
  seq               BIGINT NOT NULL,
  created_at        BIGINT NOT NULL
);

-- One row per participant identity per debate: overall and domain rating before and after.
CREATE TABLE rating_history (
  debate_id         TEXT NOT NULL,
  agent             TEXT NOT NULL,
  domain            TEXT NOT NULL,
  result            TEXT NOT NULL,
  elo_before        DOUBLE PRECISION NOT NULL,
  elo_after         DOUBLE PRECISION NOT NULL,
  domain_elo_before DOUBLE PRECISION NOT NULL,
  domain_elo_after  DOUBLE PRECISION NOT NULL,
  seq               BIGINT NOT NULL,
  created_at        BIGINT NOT NULL,
  PRIMARY KEY (debate_id, agent)
);
-- An identity's history and matches, newest first.
CREATE INDEX rating_history_agent ON rating_history (agent, seq);

-- Each vote of a finished debate read as a prediction (core VotePredictions); n numbers an
-- identity's votes within the debate (several agents of one identity may vote).
CREATE TABLE predictions (
  debate_id  TEXT NOT NULL,
  agent      TEXT NOT NULL,
  n          INTEGER NOT NULL,
  domain     TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  correct    INTEGER NOT NULL,
  PRIMARY KEY (debate_id, agent, n)
);
CREATE INDEX predictions_agent ON predictions (agent, domain);

-- Every recording bumps this row right after claiming its match row: on PostgreSQL the UPDATE
-- holds a row lock until commit (SQLite has one writer anyway), so concurrent recordings of
-- different debates read and write ratings one after another and no update is lost. The value is
-- the recording's seq in matches and rating_history: the order ratings moved in (clocks tie).
INSERT INTO counters (name, value) VALUES ('ratings', 0);
