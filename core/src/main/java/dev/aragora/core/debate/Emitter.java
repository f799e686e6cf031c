package dev.aragora.core.debate;

import dev.aragora.core.debate.event.DebateEvent;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import java.time.InstantSource;

/** Numbers a debate's events 1, 2, 3 … and hands them to the sink one at a time, in that order. */
final class Emitter {
  private final String debateId;
  private final EventSink sink;
  private final InstantSource clock;
  private long seq;

  Emitter(String debateId, EventSink sink, InstantSource clock) {
    this.debateId = debateId;
    this.sink = sink;
    this.clock = clock;
  }

  private int round;

  synchronized void emit(int round, String agent, DebateEvent event) {
    this.round = round;
    sink.accept(new EventEnvelope(debateId, ++seq, clock.instant(), round, agent, event));
  }

  /** The round of the last event, for events raised outside the phase code (fallbacks). */
  synchronized int currentRound() {
    return round;
  }

  synchronized long lastSeq() {
    return seq;
  }
}
