package dev.aragora.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets in this process (bucket4j's lock-free local buckets), one per limit and id. Buckets
 * that have refilled completely hold nothing worth keeping and are swept away now and then, so that
 * memory follows the clients active in the last few minutes.
 */
public final class LocalBuckets implements Buckets {
  static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
  private static final int SWEEP_AT_SIZE = 100_000;

  private record Entry(LocalBucket bucket, long capacity) {}

  private final TimeMeter meter;
  private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
  private final AtomicLong nextSweep;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  public LocalBuckets(InstantSource clock) {
    this.meter = Buckets.meter(clock);
    this.nextSweep = new AtomicLong(meter.currentTimeNanos() + SWEEP_EVERY.toNanos());
  }

  @Override
  public Verdict take(Limit limit, String id) {
    sweepIfDue();
    Entry entry = buckets.computeIfAbsent(limit.bucketKey(id), k -> new Entry(
        Bucket.builder().addLimit(limit.configuration().getBandwidths()[0]).withCustomTimePrecision(meter).build(),
        limit.capacity()));
    return Verdict.of(limit, entry.bucket().tryConsumeAndReturnRemaining(1));
  }

  @Override
  public String status() {
    return "local";
  }

  /** Buckets held now (for tests). */
  int size() {
    return buckets.size();
  }

  /** Drops the buckets that are full again. */
  void sweep() {
    buckets.entrySet().removeIf(e -> e.getValue().bucket().getAvailableTokens() >= e.getValue().capacity());
  }

  private void sweepIfDue() {
    long now = meter.currentTimeNanos();
    if (now < nextSweep.get() && buckets.size() < SWEEP_AT_SIZE) return;
    if (!sweeping.compareAndSet(false, true)) return;
    try {
      nextSweep.set(now + SWEEP_EVERY.toNanos());
      sweep();
    } finally {
      sweeping.set(false);
    }
  }

  /** Forgets every bucket (it can still be used afterwards). */
  @Override
  public void close() {
    buckets.clear();
  }
}
