package dev.aragora.server.queue;

/** The runner is shutting down and takes no new debates. */
public final class RunnerClosedException extends RuntimeException {
  public RunnerClosedException() {
    super("the server is shutting down", null, false, false);
  }
}
