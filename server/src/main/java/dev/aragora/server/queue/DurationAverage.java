package dev.aragora.server.queue;

import java.time.Duration;

/** An exponentially weighted mean of recent debate durations, starting from a prior guess. */
final class DurationAverage {
  private static final double WEIGHT = 0.2;
  private double seconds;

  DurationAverage(Duration prior) {
    this.seconds = prior.toMillis() / 1000.0;
  }

  synchronized void add(Duration sample) {
    seconds += WEIGHT * (sample.toMillis() / 1000.0 - seconds);
  }

  synchronized double seconds() {
    return seconds;
  }
}
