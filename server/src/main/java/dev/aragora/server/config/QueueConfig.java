package dev.aragora.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How this instance takes part in the shared debate queue.
 *
 * @param instanceId ARAGORA_INSTANCE_ID, else "HOSTNAME:port" (the host's name when HOSTNAME is
 *     unset; a random suffix on port 0): names this instance in debate leases. An instance that
 *     restarts under the same name takes its earlier runs' debates back at once instead of waiting
 *     for their leases to expire, so it must be unique among live instances
 * @param lease ARAGORA_DEBATE_LEASE_SECONDS (30): how long a debate stays with an instance that
 *     stopped renewing; the time another instance waits before taking over from a dead one
 * @param pollInterval ARAGORA_QUEUE_POLL_MS (250): how often an instance with a free slot looks for
 *     debates admitted by other instances (its own start at once)
 */
public record QueueConfig(String instanceId, Duration lease, Duration pollInterval) {
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_POLL = Duration.ofMillis(250);

  public QueueConfig {
    if (instanceId == null || instanceId.isBlank()) throw new IllegalArgumentException("instance id must not be blank");
    if (instanceId.length() > 200) throw new IllegalArgumentException("ARAGORA_INSTANCE_ID must be at most 200 characters");
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("lease must be at least 1 s");
    if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("poll interval must be positive");
  }

  /** {@code port} is the one the server listens on (0: a free one, picked later). */
  public static QueueConfig fromEnvironment(Map<String, String> env, int port) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    String suffix = port == 0 ? "any-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt())
        : Integer.toString(port);
    String id = e.text("ARAGORA_INSTANCE_ID", e.text("HOSTNAME", localHostName()) + ":" + suffix);
    return new QueueConfig(id,
        Duration.ofSeconds(e.integer("ARAGORA_DEBATE_LEASE_SECONDS", (int) DEFAULT_LEASE.toSeconds(), 1, 3600)),
        Duration.ofMillis(e.integer("ARAGORA_QUEUE_POLL_MS", (int) DEFAULT_POLL.toMillis(), 10, 60_000)));
  }

  /** How often leases are renewed and cancel requests read: a third of the lease, at most every 2 s. */
  public Duration heartbeat() {
    Duration third = lease.dividedBy(3);
    return third.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : third;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "aragora";
    }
  }
}
