package dev.aragora.server.queue;

import dev.aragora.core.debate.DebateRequest;
import java.util.function.Consumer;

/**
 * Observes each run of a debate on this instance (traces, log context, metrics): told on the
 * debate's thread when a run starts, and on the same thread how it stopped. A debate that is
 * suspended and resumed, here or on another instance, has several runs.
 */
@FunctionalInterface
public interface RunListener {
  /**
   * A run of debate {@code id} starts; {@code resumed} when it continues from stored events. The
   * returned callback is told the run's final status ({@code suspended} when it stopped to resume
   * later) on the same thread.
   */
  Consumer<String> started(String id, DebateRequest request, boolean resumed);
}
