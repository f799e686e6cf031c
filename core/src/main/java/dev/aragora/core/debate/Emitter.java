package dev.aragora.core.debate;

import dev.aragora.core.debate.event.DebateEnded;
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
    this(debateId, sink, clock, 0);
  }

  /** An emitter whose first event gets {@code lastSeq + 1}: a resumed debate continues its sequence. */
  Emitter(String debateId, EventSink sink, InstantSource clock, long lastSeq) {
    if (lastSeq < 0) throw new IllegalArgumentException("lastSeq < 0: " + lastSeq);
    this.debateId = debateId;
    this.sink = sink;
    this.clock = clock;
    this.seq = lastSeq;
  }

  private int round;

  private boolean closed;
  private boolean sinkFailed;

  /**
   * Emits one event. After {@code debate_end} nothing more is emitted: calls cancelled at the end
   * may still stream a token or two on their way out. A sink that throws loses that event but does
   * not fail the debate; the first such failure is logged.
   */
  synchronized void emit(int round, String agent, DebateEvent event) {
    if (closed) return;
    this.round = round;
    if (event instanceof DebateEnded) closed = true;
    try {
      sink.accept(new EventEnvelope(debateId, ++seq, clock.instant(), round, agent, event));
    } catch (RuntimeException e) {
      if (!sinkFailed) {
        sinkFailed = true;
        System.getLogger(Emitter.class.getName()).log(System.Logger.Level.WARNING,
            "event sink of debate " + debateId + " failed; later events may be lost too", e);
      }
    }
  }

  /**
   * Emits nothing more: a suspended run stops here, and calls still finishing on other threads must
   * not add events after it (the resumed run continues the sequence).
   */
  synchronized void close() {
    closed = true;
  }

  /** The round of the last event, for events raised outside the phase code (fallbacks). */
  synchronized int currentRound() {
    return round;
  }

  synchronized long lastSeq() {
    return seq;
  }
}
