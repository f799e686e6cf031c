package dev.aragora.server.ratelimit;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.redis.Redis;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.github.bucket4j.distributed.serialization.SerializationHandle;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, one budget for every instance with the same key prefix: bucket4j's
 * Lettuce proxy manager keeps each bucket's state at {@code <prefix>ratelimit:<limit>:<id>} and
 * updates it by compare-and-swap (a read, then one Lua script), so concurrent requests on any
 * instance never take the same token twice. Keys expire once their bucket has refilled and
 * ARAGORA_REDIS_TTL has passed since the last request, whichever is later.
 *
 * <p>While Redis is unreachable or failing, requests are counted by this instance's
 * {@link LocalBuckets} (each instance then allows the whole budget on its own), {@link #status}
 * says "local_fallback" (shown in /api/health) and one warning is logged; the first request that
 * Redis answers again switches back, with one more log line.
 */
public final class RedisBuckets implements Buckets {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBuckets.class);

  private final Redis redis;
  private final ProxyManager<String> proxies;
  private final LocalBuckets fallback;
  private final Map<Limit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
  private final AtomicBoolean failing = new AtomicBoolean();

  public RedisBuckets(Redis redis, Duration ttl, InstantSource clock) {
    this.redis = requireNonNull(redis, "redis is null");
    requireNonNull(ttl, "ttl is null");
    this.fallback = new LocalBuckets(clock);
    this.proxies = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(new Commands<String>(redis))
        .clientClock(Buckets.meter(clock))
        .expirationAfterWrite(new AtLeast(ttl))
        .requestTimeout(Redis.COMMAND_TIMEOUT)
        .build();
    redis.onConnected(this::recovered);
  }

  @Override
  public Verdict take(Limit limit, String id) {
    if (redis.isConnected()) {
      try {
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, Limit::configuration);
        Verdict verdict = Verdict.of(limit, proxies.getProxy(redis.key("ratelimit:" + limit.bucketKey(id)),
            () -> configuration).tryConsumeAndReturnRemaining(1));
        recovered();
        return verdict;
      } catch (RuntimeException e) {
        failed(e);
      }
    } else {
      failed(null);
    }
    return fallback.take(limit, id);
  }

  @Override
  public String status() {
    return redis.isConnected() && !failing.get() ? "redis" : "local_fallback";
  }

  /** Closes only the fallback; the Redis link belongs to the server. */
  @Override
  public void close() {
    fallback.close();
  }

  private void recovered() {
    if (!failing.compareAndSet(true, false)) return;
    // The outage's buckets are done with: the next outage starts afresh rather than on stale counts.
    fallback.close();
    LOG.warn("rate limits: Redis answers again; the instances share them again");
  }

  private void failed(RuntimeException e) {
    if (!failing.compareAndSet(false, true)) return;
    LOG.warn("rate limits: Redis {}; each instance counts on its own until it is back",
        e == null ? "is not connected" : "failed (" + redis.describe(e) + ")");
  }

  /**
   * bucket4j's view of the binary connection; refuses at once while Redis is not connected. Generic
   * in K because bucket4j hands over its key arrays as {@code Object[]}: with K fixed to String here,
   * the compiler's bridge method would cast them to {@code String[]} and fail.
   */
  private record Commands<K>(Redis redis) implements RedisApi<K> {
    @Override
    public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] args) {
      return commands().eval(script, type, keys, args);
    }

    @Override
    public RedisFuture<byte[]> get(K key) {
      return commands().get(key);
    }

    @Override
    public RedisFuture<?> delete(K key) {
      return commands().del(key);
    }

    @SuppressWarnings("unchecked")
    private RedisAsyncCommands<K, byte[]> commands() {
      if (!redis.isConnected()) throw new IllegalStateException("Redis is not connected");
      // Keys are always Strings (see take), which the connection's codec encodes.
      return (RedisAsyncCommands<K, byte[]>) (RedisAsyncCommands<?, byte[]>) redis.binaryCommands()
          .orElseThrow(() -> new IllegalStateException("Redis is not connected"));
    }
  }

  /** Keeps a key until its bucket is full again, and at least {@code ttl} after the last write. */
  private static final class AtLeast implements ExpirationAfterWriteStrategy {
    private final long ttlMillis;
    private final ExpirationAfterWriteStrategy untilFull =
        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);

    AtLeast(Duration ttl) {
      this.ttlMillis = ttl.toMillis();
    }

    @Override
    public long calculateTimeToLiveMillis(RemoteBucketState state, long currentTimeNanos) {
      return Math.max(ttlMillis, untilFull.calculateTimeToLiveMillis(state, currentTimeNanos));
    }

    @Override
    public SerializationHandle<ExpirationAfterWriteStrategy> getSerializationHandle() {
      throw new UnsupportedOperationException("computed on the client; never sent to Redis");
    }
  }
}
