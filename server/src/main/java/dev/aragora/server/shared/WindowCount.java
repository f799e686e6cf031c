package dev.aragora.server.shared;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** A counter's value in its current window, and how long until the window ends (for Retry-After). */
public record WindowCount(long count, Duration resetsIn) {
  public WindowCount {
    if (count < 1) throw new IllegalArgumentException("count must be positive");
    requireNonNull(resetsIn, "resetsIn is null");
    if (resetsIn.isNegative()) resetsIn = Duration.ZERO;
  }
}
