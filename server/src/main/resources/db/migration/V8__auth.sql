-- Users, API keys and sign-in sessions (issue 6: authentication). V8 because a parallel branch
-- takes V7. Portable like V1: times are epoch milliseconds in BIGINT, flags are INTEGER 0/1.
-- tenant_id is stored already (every row is in ARAGORA_DEFAULT_TENANT until tenancy arrives).
-- No secret is stored in the clear: passwords as PBKDF2 hashes, API keys and refresh tokens as the
-- SHA-256 of high-entropy random values (looked up by that digest).

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL,
  email         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL,
  premium       INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL
);
-- Emails are stored lower-cased; one account per address.
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  role         TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE INDEX api_keys_user ON api_keys (user_id);

-- One row per sign-in: the family of its rotating refresh tokens. Access tokens carry its id
-- ("sid"), so revoking a session ends both its refresh token and its access tokens.
CREATE TABLE auth_sessions (
  id             TEXT PRIMARY KEY,
  user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at     BIGINT NOT NULL,
  revoked_at     BIGINT,
  revoked_reason TEXT
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);
CREATE INDEX auth_sessions_revoked ON auth_sessions (revoked_at);

-- Every refresh token issued; used_at is set when it is exchanged. Presenting a used one again
-- (a stolen copy, or the thief's) revokes its whole session.
CREATE TABLE refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);
