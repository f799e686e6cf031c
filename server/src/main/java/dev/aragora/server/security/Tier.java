package dev.aragora.server.security;

/**
 * The rate-limit tier of seeds/002 a caller falls in: no credentials, a user or key, a premium
 * user (the account's premium flag, or an admin), or the shared ARAGORA_API_TOKEN (service to service).
 */
public enum Tier {
  ANONYMOUS,
  AUTHENTICATED,
  PREMIUM,
  INTERNAL
}
