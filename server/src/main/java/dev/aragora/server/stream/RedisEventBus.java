package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import dev.aragora.server.redis.Redis;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus shared by several instances over Redis pub/sub. A published event goes straight to this
 * instance's subscribers and, without waiting, to the debate's channel {@code <prefix>events:<id>};
 * each instance subscribes to the channels of the debates its clients watch, and ignores its own
 * messages by their instance id.
 *
 * <p>One channel per debate rather than one pattern subscription: an instance then receives only
 * the debates it has watchers for, so traffic grows with interest, not with instances × debates.
 *
 * <p>Redis only speeds delivery up; the event log stays the source of truth. When Redis is down
 * (or a message was lost, or another instance cannot reach Redis) a poller reads the log of each
 * watched debate — every second while disconnected, once right after reconnecting, and after five
 * quiet seconds otherwise — and hands the newest stored event on; {@link DebateFeed} reads the gap
 * before it from the log. Deliveries to subscribers only move forward in seq per debate, so an event
 * that came both ways is delivered once.
 *
 * <p>The ranking channel {@code _leaderboard} fans out the same way: its events are stored too
 * (numbered in one sequence for every instance), and {@code log} reads them.
 */
public final class RedisEventBus implements EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(RedisEventBus.class);
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  static final Duration QUIET_POLL = Duration.ofSeconds(5);
  /** Publishes sent to Redis and not yet answered; beyond, events go to local subscribers only. */
  static final int MAX_IN_FLIGHT = 10_000;

  /** The subscribers this instance has for one debate, and how far deliveries to them have got. */
  private static final class Watched {
    int subscribers; // changed only inside watched.compute
    final AtomicLong lastSeq = new AtomicLong();
    volatile long lastActivity = System.nanoTime();
    volatile RedisFuture<Void> subscribed;

    boolean advanceTo(long seq) {
      long seen;
      do {
        seen = lastSeq.get();
        if (seq <= seen) return false;
      } while (!lastSeq.compareAndSet(seen, seq));
      lastActivity = System.nanoTime();
      return true;
    }
  }

  private final Redis redis;
  private final StoredEvents log;
  private final String instanceId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  private final String channelPrefix;
  private final LocalEventBus local = new LocalEventBus();
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong notSent = new AtomicLong();
  private final AtomicBoolean catchUpAll = new AtomicBoolean();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("event-bus-poller").factory());

  /** A bus over {@code redis}; {@code log} reads the debates' stored events (EventLog::since). */
  public RedisEventBus(Redis redis, StoredEvents log) {
    this.redis = requireNonNull(redis, "redis is null");
    this.log = requireNonNull(log, "log is null");
    this.channelPrefix = redis.key("events:");
    redis.onMessage(this::received);
    redis.onConnected(this::resubscribe);
    poller.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void publish(String debateId, long seq, String type, String envelopeJson) {
    deliver(debateId, seq, type, envelopeJson);
    if (!redis.isConnected()) return;
    if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
      inFlight.decrementAndGet();
      notSent.incrementAndGet();
      return;
    }
    try {
      String message = instanceId + '\n' + seq + '\n' + type + '\n' + envelopeJson;
      redis.commands().orElseThrow().publish(channelPrefix + debateId, message).whenComplete((receivers, e) -> {
        inFlight.decrementAndGet();
        if (e != null) notSent.incrementAndGet();
      });
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      notSent.incrementAndGet();
    }
  }

  @Override
  public Subscription subscribe(String debateId, Listener listener) {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(listener, "listener is null");
    Watched w = watched.compute(debateId, (id, current) -> {
      Watched next = current == null ? new Watched() : current;
      if (next.subscribers++ == 0) next.subscribed = redisSubscribe(id);
      return next;
    });
    Subscription inner = local.subscribe(debateId, listener);
    // Wait (briefly) until Redis confirms, so that every event published after this returns reaches
    // us live; what was published before, the caller reads from the log.
    awaitQuietly(w.subscribed);
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (!closed.compareAndSet(false, true)) return;
      inner.close();
      watched.computeIfPresent(debateId, (id, current) -> {
        if (--current.subscribers > 0) return current;
        redisUnsubscribe(id);
        return null;
      });
    };
  }

  /** Debates with at least one subscriber here. */
  public int watchedDebates() {
    return watched.size();
  }

  /** Events that went to local subscribers only (Redis down, busy or failing); other instances poll for them. */
  public long notSent() {
    return notSent.get();
  }

  @Override
  public void close() {
    poller.shutdownNow();
    for (String id : watched.keySet()) redisUnsubscribe(id);
    watched.clear();
    local.close();
  }

  private void deliver(String debateId, long seq, String type, String envelopeJson) {
    Watched w = watched.get(debateId);
    if (w != null && w.advanceTo(seq)) local.publish(debateId, seq, type, envelopeJson);
  }

  private void received(String channel, String message) {
    if (!channel.startsWith(channelPrefix)) return;
    String[] parts = message.split("\n", 4);
    if (parts.length < 4 || parts[0].equals(instanceId)) return;
    long seq;
    try {
      seq = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return;
    }
    deliver(channel.substring(channelPrefix.length()), seq, parts[2], parts[3]);
  }

  private RedisFuture<Void> redisSubscribe(String debateId) {
    if (!redis.isConnected()) return null;
    try {
      return redis.pubsub().map(p -> p.subscribe(channelPrefix + debateId)).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void redisUnsubscribe(String debateId) {
    if (!redis.isConnected()) return;
    try {
      redis.pubsub().ifPresent(p -> p.unsubscribe(channelPrefix + debateId));
    } catch (RuntimeException e) {
      LOG.debug("unsubscribing from debate {}: {}", debateId, e.toString());
    }
  }

  /** After a reconnect: subscribe to every watched debate again, then have the poller read what was missed. */
  private void resubscribe() {
    List<String> channels = new ArrayList<>();
    for (String id : watched.keySet()) channels.add(channelPrefix + id);
    if (!channels.isEmpty()) {
      RedisPubSubAsyncCommands<String, String> pubsub = redis.pubsub().orElse(null);
      if (pubsub != null) awaitQuietly(pubsub.subscribe(channels.toArray(String[]::new)));
    }
    catchUpAll.set(true);
  }

  private void poll() {
    boolean all = catchUpAll.getAndSet(false) || !redis.isConnected();
    long now = System.nanoTime();
    for (Map.Entry<String, Watched> entry : watched.entrySet()) {
      String id = entry.getKey();
      Watched w = entry.getValue();
      if (!(all || now - w.lastActivity >= QUIET_POLL.toNanos())) continue;
      try {
        w.lastActivity = now;
        String newest = newestAfter(id, w.lastSeq.get());
        if (newest != null) {
          StoredEvent event = StoredEvent.parse(newest);
          deliver(id, event.seq(), event.type(), event.json());
        }
      } catch (RuntimeException e) {
        LOG.warn("reading the event log of debate {} for its watchers: {}", id, e.toString());
      }
    }
  }

  /** The last stored envelope of the debate after {@code seq}, or null. */
  private String newestAfter(String debateId, long seq) {
    String newest = null;
    long after = seq;
    while (true) {
      List<String> page = log.since(debateId, after, DebateFeed.PAGE);
      if (page.isEmpty()) return newest;
      newest = page.getLast();
      after = StoredEvent.parse(newest).seq();
      if (page.size() < DebateFeed.PAGE) return newest;
    }
  }

  private void awaitQuietly(RedisFuture<?> future) {
    if (future == null) return;
    try {
      future.get(Redis.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // the poller covers what a missing subscription misses
      LOG.debug("Redis subscribe: {}", e.toString());
    }
  }
}
