package dev.aragora.core.debate;

import dev.aragora.core.agent.Agent;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.convergence.ConvergenceResult;
import dev.aragora.core.debate.event.AgentError;
import dev.aragora.core.debate.event.AgentFallback;
import dev.aragora.core.debate.event.AgentMessage;
import dev.aragora.core.debate.event.ConsensusDecided;
import dev.aragora.core.debate.event.ConvergenceChecked;
import dev.aragora.core.debate.event.CritiquePosted;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.DebateResumed;
import dev.aragora.core.debate.event.DebateStarted;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.PhaseStarted;
import dev.aragora.core.debate.event.RoundStarted;
import dev.aragora.core.debate.event.TokenDelta;
import dev.aragora.core.debate.event.VoteCast;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A debate's state rebuilt from its stored events, at the last complete phase boundary.
 *
 * <p>Rules. Every phase starts with a marker ({@code round_start} or {@code phase_start}) and its
 * results are emitted after all its calls have returned, so a phase is complete exactly when a
 * later marker is stored. The last stored marker therefore opens the unfinished phase: it and
 * everything after it are superseded, everything before it is replayed into the state, and the run
 * continues by running that phase again. Events superseded by an earlier resume (those after its
 * {@code debate_resumed.fromSeq}) are dropped first. Agent usage is the latest cumulative figure
 * each agent's events carry, superseded events included, since those calls were made and paid for.
 */
final class Checkpoint {
  /** Where the resumed run starts, in the order a debate passes them. */
  enum Stage {
    PROPOSAL("proposal"), ROUND("round"), CRITIQUE("critique"), REVISION("revision"), CONVERGENCE("convergence"),
    SYNTHESIS("synthesis"), VOTE("vote"), CONSENSUS("consensus");

    final String wire;

    Stage(String wire) {
      this.wire = wire;
    }

    boolean decides() {
      return compareTo(SYNTHESIS) >= 0;
    }
  }

  /** The stored events cannot be continued; the message says why. */
  static final class Unusable extends Exception {
    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  long lastSeq;
  long fromSeq;
  Stage stage = Stage.PROPOSAL;
  int round;
  final Map<String, String> proposals = new LinkedHashMap<>();
  final Map<String, String> positions = new LinkedHashMap<>();
  final List<Critique> critiques = new ArrayList<>();
  final List<Vote> votes = new ArrayList<>();
  final List<Message> messages = new ArrayList<>();
  final Map<String, List<AgentFailure>> failures = new LinkedHashMap<>();
  final Map<String, AgentUsage> usage = new LinkedHashMap<>();
  int roundsUsed;
  ConvergenceResult lastConvergence;
  boolean demo;
  /** Running time before this resume (downtime between runs excluded). */
  Duration elapsed = Duration.ZERO;
  /** The judge's synthesis when the synthesis phase completed. */
  Agent.Reply synthesis;
  /** Set when the stored events already end the debate. */
  DebateEnded ended;
  ConsensusDecided consensus;

  private Checkpoint() {}

  boolean finished() {
    return ended != null;
  }

  /**
   * @param prior every stored event of the debate, in seq order (not empty)
   * @throws Unusable when the events do not describe this debate, have gaps, or do not start with
   *     {@code debate_start}
   */
  static Checkpoint of(String debateId, DebateRequest request, List<EventEnvelope> prior) throws Unusable {
    if (prior.isEmpty()) throw new Unusable("no stored events");
    Checkpoint c = new Checkpoint();
    for (int i = 0; i < prior.size(); i++) {
      EventEnvelope e = prior.get(i);
      if (!e.debateId().equals(debateId))
        throw new Unusable("event " + e.seq() + " belongs to debate " + e.debateId() + ", not " + debateId);
      if (e.seq() != i + 1)
        throw new Unusable("stored events are not continuous: expected seq " + (i + 1) + ", found " + e.seq());
    }
    c.lastSeq = prior.size();
    if (!(prior.get(0).data() instanceof DebateStarted started)) throw new Unusable("the first event is not debate_start");
    check(started, request);

    // Running time: each run (the first and every resumed one) counts from its first to its last event.
    EventEnvelope segmentStart = prior.get(0);
    Duration elapsed = Duration.ZERO;
    for (int i = 1; i < prior.size(); i++) {
      if (prior.get(i).data() instanceof DebateResumed) {
        elapsed = elapsed.plus(positive(segmentStart, prior.get(i - 1)));
        segmentStart = prior.get(i);
      }
    }
    c.elapsed = elapsed.plus(positive(segmentStart, prior.get(prior.size() - 1)));

    List<EventEnvelope> effective = new ArrayList<>();
    for (EventEnvelope e : prior) {
      c.noteUsage(e);
      if (e.data() instanceof DebateResumed r) effective.removeIf(kept -> kept.seq() > r.fromSeq());
      else effective.add(e);
    }

    boolean ended = effective.stream().anyMatch(e -> e.data() instanceof DebateEnded);
    int marker = -1;
    if (!ended) {
      for (int i = effective.size() - 1; i > 0 && marker < 0; i--) {
        if (effective.get(i).data() instanceof RoundStarted || effective.get(i).data() instanceof PhaseStarted) marker = i;
      }
    }
    List<EventEnvelope> kept = ended ? effective : effective.subList(0, marker < 0 ? 1 : marker);
    c.fromSeq = kept.get(kept.size() - 1).seq();
    if (marker >= 0) {
      EventEnvelope m = effective.get(marker);
      c.round = m.round();
      c.stage = switch (m.data()) {
        case RoundStarted r -> Stage.ROUND;
        case PhaseStarted p -> stage(p.phase());
        default -> throw new IllegalStateException("not a marker: " + m.type());
      };
    }
    for (EventEnvelope e : kept) c.replay(e);
    return c;
  }

  private static void check(DebateStarted started, DebateRequest request) throws Unusable {
    List<String> names = request.agents().stream().map(AgentSpec::name).toList();
    if (!started.agents().equals(names))
      throw new Unusable("the stored debate has agents " + started.agents() + ", the request " + names);
    if (started.rounds() != request.rounds())
      throw new Unusable("the stored debate has " + started.rounds() + " rounds, the request " + request.rounds());
    if (!started.consensus().equals(request.consensus().wire()))
      throw new Unusable("the stored debate decides by " + started.consensus() + ", the request by "
          + request.consensus().wire());
    if (!started.topology().equals(request.topology().wire()))
      throw new Unusable("the stored debate uses topology " + started.topology() + ", the request "
          + request.topology().wire());
  }

  private static Stage stage(String phase) throws Unusable {
    for (Stage s : Stage.values()) {
      if (s != Stage.ROUND && s.wire.equals(phase)) return s;
    }
    throw new Unusable("unknown phase '" + phase + "'");
  }

  private static Duration positive(EventEnvelope from, EventEnvelope to) {
    Duration d = Duration.between(from.at(), to.at());
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void noteUsage(EventEnvelope e) {
    AgentUsage u = switch (e.data()) {
      case AgentMessage m -> m.usage();
      case CritiquePosted c -> c.usage();
      case VoteCast v -> v.usage();
      default -> null;
    };
    if (u == null || e.agent().isEmpty()) return;
    // Each figure is the agent's running total when it was emitted; the largest one is the latest.
    usage.merge(e.agent(), u, (a, b) -> b.calls() > a.calls() || (b.calls() == a.calls() && b.costUsd() > a.costUsd())
        ? b : a);
  }

  private void replay(EventEnvelope e) {
    double at = e.timestamp();
    switch (e.data()) {
      case DebateStarted s -> {}
      case RoundStarted r -> roundsUsed = r.round();
      case PhaseStarted p -> {}
      case TokenDelta t -> {}
      case AgentFallback f -> {}
      case DebateResumed r -> {}
      case AgentMessage m -> {
        switch (m.role()) {
          case "proposal" -> {
            proposals.put(e.agent(), m.content());
            positions.put(e.agent(), m.content());
          }
          case "revision" -> positions.put(e.agent(), m.content());
          case "synthesis" -> synthesis = new Agent.Reply(m.content(), m.provider(), m.model());
          default -> {}
        }
        messages.add(new Message(m.role(), e.agent(), m.content(), e.round(), at));
        if (m.provider().equals("demo")) demo = true;
      }
      case CritiquePosted c -> critiques.add(new Critique(e.agent(), c.target(), e.round(), c.issues(), c.suggestions(),
          c.severity(), c.content()));
      case VoteCast v -> votes.add(new Vote(e.agent(), v.choice(), v.confidence(), v.reasoning(), v.continueDebate()));
      case ConvergenceChecked c -> lastConvergence = new ConvergenceResult(c.status(), c.similarity(), c.perAgent(),
          c.method());
      case AgentError a -> {
        if (!a.retrying()) failures.computeIfAbsent(e.agent(), k -> new ArrayList<>())
            .add(new AgentFailure(a.phase(), e.round(), a.errorType(), a.message(), a.provider(), at));
      }
      case ConsensusDecided c -> consensus = c;
      case DebateEnded d -> ended = d;
    }
  }
}
