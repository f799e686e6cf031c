package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process bus: subscribers per debate, called on the publisher's thread. */
public final class LocalEventBus implements EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

  private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

  @Override
  public void publish(String debateId, long seq, String type, String envelopeJson) {
    List<Listener> current = listeners.get(debateId);
    if (current == null) return;
    for (Listener listener : current) {
      try {
        listener.onEvent(seq, type, envelopeJson);
      } catch (RuntimeException e) {
        LOG.warn("a subscriber of debate {} failed on event {}", debateId, seq, e);
      }
    }
  }

  @Override
  public Subscription subscribe(String debateId, Listener listener) {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(listener, "listener is null");
    listeners.computeIfAbsent(debateId, k -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.computeIfPresent(debateId, (k, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }

  /** How many debates have at least one subscriber. */
  public int watchedDebates() {
    return listeners.size();
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
