package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.server.store.EventLog;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The engine's sink in the server: each envelope is serialised once, stored, then published. */
public final class PublishingEventLog implements EventSink {
  private final EventLog log;
  private final EventBus bus;
  private final ObjectMapper json;

  public PublishingEventLog(EventLog log, EventBus bus, ObjectMapper json) {
    this.log = requireNonNull(log, "log is null");
    this.bus = requireNonNull(bus, "bus is null");
    this.json = requireNonNull(json, "json is null");
  }

  @Override
  public void accept(EventEnvelope envelope) {
    String text = serialise(envelope);
    // A replayed envelope (same debate and seq) is already stored and was already published.
    if (log.append(envelope, text)) bus.publish(envelope.debateId(), envelope.seq(), envelope.type(), text);
  }

  /**
   * A sink for one run of a debate under {@code leaseOwner}'s lease. Its first failure to store an
   * event (the lease is lost, or the database fails) goes to {@code onFailure} once, and every
   * later event of the run is dropped: a run must not leave a gap in the log by storing events
   * after one it failed to store. The debate resumes from what was stored, here or elsewhere.
   */
  public EventSink leased(String leaseOwner, Consumer<RuntimeException> onFailure) {
    requireNonNull(leaseOwner, "leaseOwner is null");
    requireNonNull(onFailure, "onFailure is null");
    AtomicBoolean broken = new AtomicBoolean();
    return envelope -> {
      if (broken.get()) return;
      String text = serialise(envelope);
      try {
        if (log.appendLeased(envelope, text, leaseOwner))
          bus.publish(envelope.debateId(), envelope.seq(), envelope.type(), text);
      } catch (RuntimeException e) {
        if (broken.compareAndSet(false, true)) onFailure.accept(e);
      }
    };
  }

  private String serialise(EventEnvelope envelope) {
    try {
      return json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise event " + envelope.type(), e);
    }
  }
}
