-- Tenants (issue 6 item 3) and their usage (item 4). Portable like V1: epoch-millis BIGINT times.
-- Every tenant-owned row says whose it is: debates carry tenant_id (their events and receipts are
-- theirs through debate_id), ratings and everything derived carry it, memory scopes and the ranking
-- channel are named per tenant. Rows stored before tenancy belong to the default tenant, which
-- Flyway fills in from ARAGORA_DEFAULT_TENANT (placeholder default_tenant; validated as a slug, so it
-- is safe to splice into SQL).

-- Tenants created by an operator. The default tenant always exists and has no row here.
CREATE TABLE tenants (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Debates. The application always writes tenant_id; the DEFAULT only fills the existing rows.
ALTER TABLE debates ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '${default_tenant}';
-- A tenant's listing, newest first, with and without a status filter.
CREATE INDEX debates_tenant_created ON debates (tenant_id, created_at, queue_seq);
CREATE INDEX debates_tenant_status_created ON debates (tenant_id, status, created_at, queue_seq);

-- Ratings are per agent identity per tenant: the primary key changes, so the table is rebuilt
-- (SQLite cannot alter a primary key).
CREATE TABLE ratings_by_tenant (
  tenant_id  TEXT NOT NULL,
  agent      TEXT NOT NULL,
  domain     TEXT NOT NULL,
  elo        DOUBLE PRECISION NOT NULL,
  wins       INTEGER NOT NULL,
  losses     INTEGER NOT NULL,
  draws      INTEGER NOT NULL,
  matches    INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, agent, domain)
);
INSERT INTO ratings_by_tenant (tenant_id, agent, domain, elo, wins, losses, draws, matches, updated_at)
  SELECT '${default_tenant}', agent, domain, elo, wins, losses, draws, matches, updated_at FROM ratings;
DROP TABLE ratings;
ALTER TABLE ratings_by_tenant RENAME TO ratings;
CREATE INDEX ratings_tenant_domain_elo ON ratings (tenant_id, domain, elo);

-- Matches, history and predictions keep their keys (debate ids are unique across tenants) and say
-- whose they are, for the per-tenant reads.
ALTER TABLE matches ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '${default_tenant}';
CREATE INDEX matches_tenant_seq ON matches (tenant_id, seq);
ALTER TABLE rating_history ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '${default_tenant}';
DROP INDEX rating_history_agent;
CREATE INDEX rating_history_tenant_agent ON rating_history (tenant_id, agent, seq);
ALTER TABLE predictions ADD COLUMN tenant_id TEXT NOT NULL DEFAULT '${default_tenant}';
DROP INDEX predictions_agent;
CREATE INDEX predictions_tenant_agent ON predictions (tenant_id, agent, domain);

-- Memory: one scope per tenant ("tenant:<id>") instead of the one "global" scope.
UPDATE memory_entries SET scope = 'tenant:${default_tenant}' WHERE scope = 'global';
UPDATE memory_scopes SET scope = 'tenant:${default_tenant}' WHERE scope = 'global';

-- The ranking channel: one per tenant ("_leaderboard:<id>"), numbered by its own counter row.
UPDATE channel_events SET channel = '_leaderboard:${default_tenant}' WHERE channel = '_leaderboard';
UPDATE counters SET name = 'channel:_leaderboard:${default_tenant}' WHERE name = 'channel:_leaderboard';

-- Usage per tenant: one row per tenant, period and quota. period is the calendar month in UTC
-- ('2026-03') for api_calls, tokens and debates, and '' for storage (a level, not a monthly sum).
-- Every change is one atomic UPDATE ... SET used = used + ?, conditional where a quota must hold
-- (... AND used + ? <= limit), so instances sharing the database count into one budget.
CREATE TABLE tenant_usage (
  tenant_id  TEXT NOT NULL,
  period     TEXT NOT NULL,
  quota      TEXT NOT NULL,
  used       BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, period, quota)
);
