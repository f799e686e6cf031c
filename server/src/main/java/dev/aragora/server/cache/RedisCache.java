package dev.aragora.server.cache;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.redis.Redis;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache in Redis, shared by every instance with the same key prefix. A namespace has a
 * generation, {@code <prefix>cache:<namespace>}, and its values live at
 * {@code <prefix>cache:<namespace>:<generation>:<key>} with the TTL; invalidating increments the
 * generation, so a value loaded before an invalidation and written after it is never read again
 * (old generations expire by themselves).
 *
 * <p>Without Redis nothing is cached: reads load from the database, which is always right. An
 * invalidation that could not reach Redis is kept and sent after the reconnect, and until then the
 * namespace is read uncached, so no instance serves a value older than the last invalidation.
 */
public final class RedisCache implements Cache {
  private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);
  /** Reads the namespace's generation and the value under it in one round trip. */
  private static final String READ = """
      local generation = redis.call('GET', KEYS[1]) or '0'
      return {generation, redis.call('GET', KEYS[1] .. ':' .. generation .. ':' .. ARGV[1])}
      """;

  private final Redis redis;
  private final Duration ttl;
  private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();

  public RedisCache(Redis redis, Duration ttl) {
    this.redis = requireNonNull(redis, "redis is null");
    requireNonNull(ttl, "ttl is null");
    if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    this.ttl = ttl;
    redis.onConnected(this::sendPendingInvalidations);
  }

  @Override
  public String get(String namespace, String key, Supplier<String> load) {
    RedisAsyncCommands<String, String> commands = available();
    if (commands == null || pendingInvalidations.contains(namespace)) return load.get();
    String space = redis.key("cache:" + namespace);
    String generation;
    try {
      List<Object> reply = await(commands.eval(READ, ScriptOutputType.MULTI, new String[] {space}, key));
      generation = (String) reply.get(0);
      if (reply.get(1) != null) return (String) reply.get(1);
    } catch (Exception e) {
      LOG.debug("cache read of {}: {}", namespace, redis.describe(e));
      return load.get();
    }
    String value = requireNonNull(load.get(), "a cache loader returned null");
    // Not awaited: the reader has its answer; a lost write only costs a later load.
    commands.set(space + ":" + generation + ":" + key, value, SetArgs.Builder.px(ttl.toMillis()));
    return value;
  }

  @Override
  public void invalidate(String namespace) {
    if (!send(namespace)) pendingInvalidations.add(namespace);
  }

  /** Moves the namespace to a new generation; false when Redis could not be told. */
  private boolean send(String namespace) {
    RedisAsyncCommands<String, String> commands = available();
    if (commands == null) return false;
    try {
      await(commands.incr(redis.key("cache:" + namespace)));
      pendingInvalidations.remove(namespace);
      return true;
    } catch (Exception e) {
      LOG.debug("cache invalidation of {}: {}", namespace, redis.describe(e));
      return false;
    }
  }

  private void sendPendingInvalidations() {
    for (String namespace : pendingInvalidations) send(namespace);
  }

  private RedisAsyncCommands<String, String> available() {
    return redis.isConnected() ? redis.commands().orElse(null) : null;
  }

  private static <T> T await(RedisFuture<T> future) throws Exception {
    try {
      return future.get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }
}
