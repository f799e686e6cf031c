package dev.aragora.server.redis;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.config.RedisConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's link to Redis: one connection for commands, one for pub/sub and one for binary
 * values, shared by the event bus, the shared state, the cache and the rate limits. Nothing waits for Redis: commands are rejected at once
 * while it is unreachable (callers then use their local fallback), and a watcher keeps trying —
 * Lettuce reconnects a connection it once had, and the watcher makes the first one when Redis was
 * down at start — and tells the {@link #onConnected} listeners each time the link is back.
 */
public final class Redis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Redis.class);
  /** The longest a caller waits on one command before it falls back. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
  static final Duration WATCH_INTERVAL = Duration.ofMillis(250);
  private static final Duration MAX_RETRY = Duration.ofSeconds(5);
  /** Commands queued on a connection before more are refused: what a slow Redis may hold back. */
  private static final int REQUEST_QUEUE = 10_000;

  private record Link(StatefulRedisConnection<String, String> commands,
                      StatefulRedisPubSubConnection<String, String> pubsub,
                      StatefulRedisConnection<String, byte[]> binary) {
    boolean open() {
      return commands.isOpen() && pubsub.isOpen() && binary.isOpen();
    }

    void close() {
      commands.closeAsync();
      pubsub.closeAsync();
      binary.closeAsync();
    }
  }

  /** Text keys, byte values: what bucket4j stores its bucket states with. */
  private static final RedisCodec<String, byte[]> BINARY = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String prefix;
  private final String where;
  private final String password;
  private final RedisURI uri;
  private final ClientResources resources;
  private final RedisClient client;
  private final ScheduledExecutorService watcher;
  private final List<Runnable> connectedListeners = new CopyOnWriteArrayList<>();
  private final List<BiConsumer<String, String>> messageHandlers = new CopyOnWriteArrayList<>();
  private volatile Link link;
  private volatile boolean closed;
  /** Set by Lettuce when a connection drops, so that the watcher notices even an outage shorter than its interval. */
  private final AtomicBoolean dropped = new AtomicBoolean();
  // only touched by the watcher (and start(), before the watcher runs)
  private boolean wasUp;
  private long nextAttempt;
  private Duration retry = WATCH_INTERVAL;

  private Redis(RedisConfig.Server server, String prefix) {
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.where = server.redacted();
    this.password = server.password();
    RedisURI.Builder builder = RedisURI.builder().withHost(server.host()).withPort(server.port())
        .withSsl(server.tls()).withDatabase(server.database()).withTimeout(COMMAND_TIMEOUT)
        .withClientName("aragora");
    if (!server.password().isEmpty()) {
      builder = server.username().isEmpty() ? builder.withPassword(server.password().toCharArray())
          : builder.withAuthentication(server.username(), server.password().toCharArray());
    }
    this.uri = builder.build();
    this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build())
        .build());
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        dropped.set(true);
      }
    });
    this.watcher = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("redis-watcher").factory());
  }

  /**
   * Connects to {@code server} now if it answers, else keeps trying in the background; either way
   * the instance starts. Every key and channel the callers use goes through {@link #key}.
   */
  public static Redis start(RedisConfig.Server server, String keyPrefix) {
    Redis redis = new Redis(server, keyPrefix);
    redis.tryConnect();
    redis.wasUp = redis.isConnected();
    redis.watcher.scheduleWithFixedDelay(redis::watch, WATCH_INTERVAL.toMillis(), WATCH_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    return redis;
  }

  /** {@code name} under the key prefix. */
  public String key(String name) {
    return prefix + name;
  }

  public String prefix() {
    return prefix;
  }

  /** Both connections are up. */
  public boolean isConnected() {
    Link current = link;
    return current != null && current.open();
  }

  public RedisStatus status() {
    return isConnected() ? RedisStatus.CONNECTED : RedisStatus.DISCONNECTED;
  }

  /** The command connection, when one was ever made (it may be reconnecting: check {@link #isConnected}). */
  public Optional<RedisAsyncCommands<String, String>> commands() {
    Link current = link;
    return current == null ? Optional.empty() : Optional.of(current.commands().async());
  }

  /**
   * The connection with text keys and byte values (the rate limits' buckets), when one was ever made
   * (it may be reconnecting: check {@link #isConnected}).
   */
  public Optional<RedisAsyncCommands<String, byte[]>> binaryCommands() {
    Link current = link;
    return current == null ? Optional.empty() : Optional.of(current.binary().async());
  }

  /** The pub/sub connection, when one was ever made; Lettuce subscribes it again after a reconnect. */
  public Optional<RedisPubSubAsyncCommands<String, String>> pubsub() {
    Link current = link;
    return current == null ? Optional.empty() : Optional.of(current.pubsub().async());
  }

  /** Receives every pub/sub message (channel, message), on a Lettuce I/O thread: hand it on, never block. */
  public void onMessage(BiConsumer<String, String> handler) {
    messageHandlers.add(requireNonNull(handler, "handler is null"));
  }

  /** Runs {@code listener} on the watcher thread each time the link comes back (not at start). */
  public void onConnected(Runnable listener) {
    connectedListeners.add(requireNonNull(listener, "listener is null"));
  }

  /** A message about {@code e} with the password, should any part of it carry one, masked. */
  public String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return password.isEmpty() ? text : text.replace(password, "***");
  }

  private void watch() {
    try {
      if (link == null && System.nanoTime() >= nextAttempt) tryConnect();
      boolean drop = dropped.getAndSet(false);
      boolean up = isConnected();
      if ((drop || !up) && wasUp) {
        wasUp = false;
        LOG.warn("Redis at {} disconnected; events, counters and the cache stay local until it is back", where);
      }
      if (!up || wasUp) return;
      wasUp = true;
      LOG.warn("Redis at {} connected", where);
      for (Runnable listener : connectedListeners) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          LOG.warn("after reconnecting to Redis: {}", describe(e));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("watching Redis: {}", describe(e));
    }
  }

  private void tryConnect() {
    if (closed) return;
    StatefulRedisConnection<String, String> commands = null;
    StatefulRedisConnection<String, byte[]> binary = null;
    try {
      commands = client.connect(StringCodec.UTF8, uri);
      binary = client.connect(BINARY, uri);
      StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub(StringCodec.UTF8, uri);
      pubsub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          for (BiConsumer<String, String> handler : messageHandlers) {
            try {
              handler.accept(channel, message);
            } catch (RuntimeException e) {
              LOG.warn("a Redis message on {} failed: {}", channel, e.toString());
            }
          }
        }
      });
      link = new Link(commands, pubsub, binary);
      if (closed) link.close();
    } catch (RuntimeException e) {
      if (commands != null) commands.closeAsync();
      if (binary != null) binary.closeAsync();
      if (retry.equals(WATCH_INTERVAL)) {
        LOG.warn("Redis at {} is not reachable ({}); running on local fallbacks and retrying", where, describe(e));
      }
      nextAttempt = System.nanoTime() + retry.toNanos();
      retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
    }
  }

  @Override
  public void close() {
    closed = true;
    watcher.shutdownNow();
    // shutting the client down closes its connections
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "Redis[" + where + ", prefix " + prefix + "]";
  }
}
