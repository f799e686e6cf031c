package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.server.store.EventLog;

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
    String text;
    try {
      text = json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise event " + envelope.type(), e);
    }
    // A replayed envelope (same debate and seq) is already stored and was already published.
    if (log.append(envelope, text)) bus.publish(envelope.debateId(), envelope.seq(), envelope.type(), text);
  }
}
