package dev.aragora.server.ops;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.ToLongFunction;

/**
 * The share of a monthly debate quota used so far this calendar month (UTC), counted in the store
 * (so every instance reports the same), at most once per {@code maxAge}: a scrape every few seconds
 * costs one indexed COUNT per period. While the store cannot answer, the last value stands.
 */
public final class MonthlyDebates {
  private final ToLongFunction<Instant> createdSince;
  private final long quota;
  private final InstantSource clock;
  private final Duration maxAge;
  private Instant countedAt;
  private double ratio;

  /** @param createdSince how many debates were created at or after an instant (the debate store's count) */
  public MonthlyDebates(ToLongFunction<Instant> createdSince, long quota, InstantSource clock, Duration maxAge) {
    this.createdSince = requireNonNull(createdSince, "createdSince is null");
    if (quota < 1) throw new IllegalArgumentException("quota must be positive");
    this.quota = quota;
    this.clock = requireNonNull(clock, "clock is null");
    this.maxAge = requireNonNull(maxAge, "maxAge is null");
  }

  /** Debates created this month ÷ the quota (above 1 when over it). */
  public synchronized double ratio() {
    Instant now = clock.instant();
    if (countedAt != null && Duration.between(countedAt, now).compareTo(maxAge) < 0
        && monthStart(countedAt).equals(monthStart(now))) return ratio;
    try {
      ratio = createdSince.applyAsLong(monthStart(now)) / (double) quota;
      countedAt = now;
    } catch (RuntimeException unavailable) {
      // keep the last value; the next scrape tries again
    }
    return ratio;
  }

  static Instant monthStart(Instant at) {
    return ZonedDateTime.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
  }
}
