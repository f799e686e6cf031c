package dev.aragora.server.queue;

/** The wait queue is full: the caller should come back after {@link #retryAfterSeconds()}. */
public final class QueueFullException extends RuntimeException {
  private final long retryAfterSeconds;

  public QueueFullException(int capacity, long retryAfterSeconds) {
    super("the debate queue is full (" + capacity + " waiting); retry in " + retryAfterSeconds + " s", null, false,
        false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
