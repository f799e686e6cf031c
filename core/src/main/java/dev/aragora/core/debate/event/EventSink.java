package dev.aragora.core.debate.event;

/**
 * Receives a debate's events in sequence order. Called from the debate's threads, one event at a
 * time (the arena serialises emission), so implementations need no locking of their own.
 */
@FunctionalInterface
public interface EventSink {
  EventSink DISCARD = envelope -> {};

  void accept(EventEnvelope envelope);
}
