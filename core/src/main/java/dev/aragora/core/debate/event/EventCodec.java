package dev.aragora.core.debate.event;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored envelopes back: the wire JSON {type, data, timestamp, round, agent, seq, debate_id}
 * becomes an {@link EventEnvelope} whose data is the record named by {@code type}. Unknown fields
 * in {@code data} are ignored (a newer writer may add some); an unknown {@code type} or a missing
 * envelope field is an error, since a reader that skipped events could not rebuild a debate.
 */
public final class EventCodec {
  private static final Map<String, Class<? extends DebateEvent>> TYPES = types();

  private final ObjectMapper json;

  public EventCodec(ObjectMapper json) {
    this.json = requireNonNull(json, "json is null");
  }

  /** @throws IllegalArgumentException when {@code text} is not a stored envelope of a known event type */
  public EventEnvelope decode(String text) {
    requireNonNull(text, "text is null");
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable event JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) throw new IllegalArgumentException("an event is not a JSON object");
    String type = field(node, "type").asText();
    Class<? extends DebateEvent> record = TYPES.get(type);
    if (record == null) throw new IllegalArgumentException("unknown event type '" + type + "'");
    long seq = field(node, "seq").asLong();
    DebateEvent data;
    try {
      ObjectReader reader = json.readerFor(record).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      data = reader.readValue(field(node, "data"));
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable " + type + " event at seq " + seq + ": " + e.getMessage(), e);
    }
    if (data == null) throw new IllegalArgumentException("empty " + type + " event at seq " + seq);
    double timestamp = field(node, "timestamp").asDouble();
    long seconds = (long) Math.floor(timestamp);
    Instant at = Instant.ofEpochSecond(seconds, Math.round((timestamp - seconds) * 1e6) * 1000);
    return new EventEnvelope(field(node, "debate_id").asText(), seq, at, node.path("round").asInt(),
        node.path("agent").asText(""), data);
  }

  /** Decodes each of {@code texts}, in order. */
  public List<EventEnvelope> decodeAll(List<String> texts) {
    return texts.stream().map(this::decode).toList();
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) throw new IllegalArgumentException("an event has no '" + name + "'");
    return value;
  }

  private static Map<String, Class<? extends DebateEvent>> types() {
    Map<String, Class<? extends DebateEvent>> types = new HashMap<>();
    for (Class<?> type : DebateEvent.class.getPermittedSubclasses()) {
      @SuppressWarnings("unchecked")
      Class<? extends DebateEvent> event = (Class<? extends DebateEvent>) type;
      types.put(EventTypes.NAMES.get(event), event);
    }
    return Map.copyOf(types);
  }
}
