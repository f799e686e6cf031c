package dev.aragora.server.shared;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.redis.Redis;
import dev.aragora.server.redis.RedisStatus;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters and revocations in Redis, seen alike by every instance with the same key prefix:
 * {@code <prefix>count:<key>} (INCR, with the window's expiry set by the first hit, in one script)
 * and {@code <prefix>revoked:<id>} (SET with an expiry, EXISTS). While Redis is unreachable or
 * failing, each call falls back to this process's own state and {@link #status} says
 * disconnected. Revocations are always kept locally too and written to Redis again after a
 * reconnect, so a logout during an outage still reaches every instance once Redis is back.
 */
public final class RedisSharedState implements SharedState {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);
  private static final String INCREMENT = """
      local n = redis.call('INCR', KEYS[1])
      local ttl = redis.call('PTTL', KEYS[1])
      if n == 1 or ttl < 0 then
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        ttl = tonumber(ARGV[1])
      end
      return {n, ttl}
      """;

  private final Redis redis;
  private final LocalSharedState local = new LocalSharedState(System::nanoTime);
  private volatile boolean failing;

  public RedisSharedState(Redis redis) {
    this.redis = requireNonNull(redis, "redis is null");
    redis.onConnected(this::replayRevocations);
  }

  @Override
  public WindowCount increment(String key, Duration window) {
    requireNonNull(key, "key is null");
    LocalSharedState.requirePositive(window, "window");
    RedisAsyncCommands<String, String> commands = available();
    if (commands != null) {
      try {
        List<Object> reply = await(commands.eval(INCREMENT, ScriptOutputType.MULTI,
            new String[] {redis.key("count:" + key)}, Long.toString(Math.max(1, window.toMillis()))));
        succeeded();
        return new WindowCount((Long) reply.get(0), Duration.ofMillis((Long) reply.get(1)));
      } catch (Exception e) {
        failed("counting " + key, e);
      }
    }
    return local.increment(key, window);
  }

  @Override
  public void revoke(String id, Duration ttl) {
    local.revoke(id, ttl);
    RedisAsyncCommands<String, String> commands = available();
    if (commands == null) return;
    try {
      await(commands.set(redis.key("revoked:" + id), "1", SetArgs.Builder.px(Math.max(1, ttl.toMillis()))));
      succeeded();
    } catch (Exception e) {
      failed("revoking a token", e);
    }
  }

  @Override
  public boolean isRevoked(String id) {
    if (local.isRevoked(id)) return true;
    RedisAsyncCommands<String, String> commands = available();
    if (commands == null) return false;
    try {
      boolean revoked = await(commands.exists(redis.key("revoked:" + id))) > 0;
      succeeded();
      return revoked;
    } catch (Exception e) {
      failed("checking a revocation", e);
      return false;
    }
  }

  @Override
  public RedisStatus status() {
    return redis.isConnected() && !failing ? RedisStatus.CONNECTED : RedisStatus.DISCONNECTED;
  }

  /** Closes only what this object holds; the Redis link belongs to the server. */
  @Override
  public void close() {
    local.close();
  }

  private RedisAsyncCommands<String, String> available() {
    return redis.isConnected() ? redis.commands().orElse(null) : null;
  }

  /** Writes this instance's revocations still in force to Redis, keeping any that is already there. */
  private void replayRevocations() {
    failing = false;
    RedisAsyncCommands<String, String> commands = available();
    Map<String, Duration> left = local.revocations();
    if (commands == null || left.isEmpty()) return;
    List<RedisFuture<String>> writes = new ArrayList<>();
    left.forEach((id, ttl) ->
        writes.add(commands.set(redis.key("revoked:" + id), "1", SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())))));
    try {
      for (RedisFuture<String> write : writes) await(write);
      succeeded();
    } catch (Exception e) {
      failed("writing revocations again", e);
    }
  }

  private static <T> T await(RedisFuture<T> future) throws Exception {
    try {
      return future.get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private void succeeded() {
    failing = false;
  }

  private void failed(String what, Exception e) {
    if (!failing) LOG.warn("Redis: {} failed, using this instance's own state: {}", what, redis.describe(e));
    failing = true;
  }
}
