package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The global ranking stream, {@value #ID}: {@code match_recorded} and {@code leaderboard_update}
 * events, published after a finished debate is recorded. They cannot go on the debate's own stream,
 * which ends with {@code debate_end} (feeds stop there and resume treats it as the end), so they get
 * a channel of their own that clients subscribe to like a debate: WebSocket
 * {@code {"type":"subscribe","debate_id":"_leaderboard"}} or SSE on
 * {@code GET /api/v2/debates/_leaderboard/events}.
 *
 * <p>The envelopes have the debate events' shape ({type, data, timestamp, round, agent, seq,
 * debate_id}) with seq counted by this process. They are not stored in the database: the channel
 * keeps the last {@value #KEPT} in memory for replay ({@code since}), and a restart starts at seq 1.
 */
public final class RankingChannel implements StoredEvents {
  public static final String ID = "_leaderboard";
  static final int KEPT = 100;

  private final EventBus bus;
  private final ObjectMapper json;
  private final InstantSource clock;
  private final Deque<StoredEvent> recent = new ArrayDeque<>();
  private long seq;

  public RankingChannel(EventBus bus, ObjectMapper json, InstantSource clock) {
    this.bus = requireNonNull(bus, "bus is null");
    this.json = requireNonNull(json, "json is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Appends one event with {@code data} and hands it to the channel's subscribers. */
  public synchronized void publish(String type, ObjectNode data) {
    ObjectNode envelope = json.createObjectNode();
    envelope.put("type", type);
    envelope.set("data", data);
    envelope.put("timestamp", clock.millis() / 1000.0);
    envelope.put("round", 0);
    envelope.put("agent", "");
    envelope.put("seq", ++seq);
    envelope.put("debate_id", ID);
    String text;
    try {
      text = json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + type, e);
    }
    recent.addLast(new StoredEvent(seq, type, text));
    if (recent.size() > KEPT) recent.removeFirst();
    // Under the lock, so subscribers see seqs in order (the bus only enqueues).
    bus.publish(ID, seq, type, text);
  }

  /** The kept envelopes after {@code afterSeq}; {@code debateId} is always {@value #ID}. */
  @Override
  public synchronized List<String> since(String debateId, long afterSeq, int limit) {
    List<String> page = new ArrayList<>();
    for (StoredEvent event : recent) {
      if (page.size() == limit) break;
      if (event.seq() > afterSeq) page.add(event.json());
    }
    return page;
  }
}
