package dev.aragora.server.stream;

import java.util.Optional;

/**
 * Which stream a client's id names for a tenant: a debate's own id if the tenant owns the debate,
 * and {@code _leaderboard} the tenant's own ranking channel. Streams are followed (bus, log) by the
 * name this gives; the client keeps seeing the id it asked for.
 */
@FunctionalInterface
public interface StreamNames {
  /**
   * @param tenant the caller's tenant (null when the gate has no tenancy: every debate is visible)
   * @return the stream to follow, or empty when {@code tenant} has no such stream (another tenant's
   *     debate is answered exactly like one that does not exist)
   */
  Optional<String> resolve(String tenant, String id);
}
