package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.server.store.ChannelLog;
import java.time.InstantSource;

/**
 * The ranking stream, {@value #ID}, one per tenant: {@code match_recorded} and {@code leaderboard_update}
 * events, published after a finished debate is recorded. They cannot go on the debate's own stream,
 * which ends with {@code debate_end} (feeds stop there and resume treats it as the end), so they get
 * a channel of their own that clients subscribe to like a debate: WebSocket
 * {@code {"type":"subscribe","debate_id":"_leaderboard"}} or SSE on
 * {@code GET /api/v2/debates/_leaderboard/events}.
 *
 * <p>The envelopes have the debate events' shape ({type, data, timestamp, round, agent, seq,
 * debate_id}). They are stored ({@link ChannelLog}, the last {@value #KEPT}), so that every instance
 * on a database numbers them in one sequence and replays the same ones after {@code since}, across
 * restarts too; streams read them back from the channel log.
 *
 * <p>Each tenant has its own channel, stored and published as {@link #of(String) "_leaderboard:<tenant>"};
 * a client asks for {@value #ID} and is given its tenant's (the envelopes say {@value #ID}), so one
 * tenant's matches never reach another's subscribers.
 */
public final class RankingChannel {
  public static final String ID = "_leaderboard";
  public static final int KEPT = 100;
  private static final String PREFIX = ID + ":";

  /** The stream (and stored channel) of {@code tenant}'s ranking events. */
  public static String of(String tenant) {
    return PREFIX + tenant;
  }

  /** Whether {@code stream} is some tenant's ranking channel. */
  public static boolean isChannel(String stream) {
    return stream.startsWith(PREFIX);
  }

  private final ChannelLog log;
  private final EventBus bus;
  private final ObjectMapper json;
  private final InstantSource clock;

  public RankingChannel(ChannelLog log, EventBus bus, ObjectMapper json, InstantSource clock) {
    this.log = requireNonNull(log, "log is null");
    this.bus = requireNonNull(bus, "bus is null");
    this.json = requireNonNull(json, "json is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Stores one event with {@code data} on {@code tenant}'s channel and hands it to its subscribers. */
  public synchronized void publish(String tenant, String type, ObjectNode data) {
    long now = clock.millis();
    String channel = of(tenant);
    ChannelLog.Appended appended = log.append(channel, type, now, seq -> envelope(type, data, now, seq));
    // Under the lock, so this instance's subscribers see its seqs in order (the bus only enqueues).
    bus.publish(channel, appended.seq(), type, appended.envelopeJson());
  }

  private String envelope(String type, ObjectNode data, long now, long seq) {
    ObjectNode envelope = json.createObjectNode();
    envelope.put("type", type);
    envelope.set("data", data);
    envelope.put("timestamp", now / 1000.0);
    envelope.put("round", 0);
    envelope.put("agent", "");
    envelope.put("seq", seq);
    envelope.put("debate_id", ID);
    try {
      return json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + type, e);
    }
  }
}
