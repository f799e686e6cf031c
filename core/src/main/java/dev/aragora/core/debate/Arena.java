package dev.aragora.core.debate;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.Agent;
import dev.aragora.core.agent.AgentFactory;
import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.ConvergenceDetector;
import dev.aragora.core.convergence.SimilarityScorer;
import dev.aragora.core.debate.event.ConsensusDecided;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The engine's front door. {@link #run} executes one debate on the calling thread: proposals in
 * parallel, then per round critiques along the topology, revisions and a convergence check, then
 * votes and consensus. Agent calls run on virtual threads; events go to the sink in sequence.
 *
 * <pre>{@code
 * Arena arena = new Arena(agentFactory, similarity, VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);
 * DebateResult result = arena.run("d-1", DebateRequest.of("Adopt microservices?", specs), sink, new DebateControl());
 * }</pre>
 */
public final class Arena {
  private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

  private final AgentFactory agents;
  private final ConvergenceDetector convergence;
  private final SimilarityScorer similarity;
  private final VoteWeights weights;
  private final InstantSource clock;
  private final DebateLimits limits;

  public Arena(AgentFactory agents, SimilarityScorer similarity, VoteWeights weights, InstantSource clock,
               DebateLimits limits) {
    this.agents = requireNonNull(agents, "agents is null");
    this.similarity = requireNonNull(similarity, "similarity is null");
    this.convergence = new ConvergenceDetector(similarity);
    this.weights = requireNonNull(weights, "weights is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.limits = requireNonNull(limits, "limits is null");
  }

  /**
   * This arena with {@code weights} for the votes (one tenant's ratings, say); agents, similarity,
   * clock and limits are shared.
   */
  public Arena withWeights(VoteWeights weights) {
    return new Arena(agents, similarity, weights, clock, limits);
  }

  /**
   * Runs a debate to its end and returns the decision; never throws for agent failures, timeouts or
   * cancellation (they become the result's status). Invalid requests throw
   * {@link IllegalArgumentException} before any event is emitted.
   */
  public DebateResult run(String debateId, DebateRequest request, EventSink sink, DebateControl control) {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(request, "request is null");
    requireNonNull(sink, "sink is null");
    requireNonNull(control, "control is null");
    limits.check(request);
    Emitter emitter = new Emitter(debateId, sink, clock);
    var debaters = agents.create(request.agents(), agent -> new DebateCallListener(agent, emitter));
    similarity.prepare();
    return new DebateRun(debateId, request, debaters, emitter, control, clock, VIRTUAL, convergence, similarity,
        weights).execute();
  }

  /**
   * Continues a debate whose process stopped (crashed, or was {@link DebateControl#suspend suspended})
   * from its stored events {@code prior} (in seq order), as if it had never stopped.
   *
   * <ul>
   *   <li>No prior events: the debate never started, and runs as {@link #run} would.
   *   <li>The events end with {@code debate_end}: nothing runs and nothing is emitted; the result is
   *       rebuilt from the events (dissenting views are not in the events and come back empty).
   *   <li>Otherwise the state is rebuilt at the last complete phase boundary and the debate goes on
   *       from the phase that was unfinished, which runs again. A {@code debate_resumed} event
   *       ({@code reason}) comes first; sequence numbers continue after the last stored one. Agent
   *       usage and cost before the stop are restored from the events, calls of the unfinished phase
   *       included. The debate timeout counts running time only: what earlier runs used is deducted,
   *       the downtime is not.
   *   <li>Events that do not fit the request (other agents, rounds, consensus or topology), that
   *       have gaps, or that do not start with {@code debate_start} cannot be continued: the debate
   *       ends at once as {@code failed} with a {@code debate_end} that gives the reason.
   * </ul>
   * The result may again be {@link DebateStatus#SUSPENDED}.
   */
  public DebateResult resume(String debateId, DebateRequest request, List<EventEnvelope> prior, EventSink sink,
                             DebateControl control, String reason) {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(request, "request is null");
    requireNonNull(prior, "prior is null");
    requireNonNull(sink, "sink is null");
    requireNonNull(control, "control is null");
    if (prior.isEmpty()) return run(debateId, request, sink, control);
    Checkpoint checkpoint;
    try {
      limits.check(request);
      checkpoint = Checkpoint.of(debateId, request, prior);
    } catch (Checkpoint.Unusable | IllegalArgumentException e) {
      long lastSeq = prior.stream().mapToLong(EventEnvelope::seq).max().orElse(0);
      return unresumable(debateId, request, lastSeq, e.getMessage(), sink);
    }
    if (checkpoint.finished()) return finished(debateId, request, checkpoint);
    Emitter emitter = new Emitter(debateId, sink, clock, checkpoint.lastSeq);
    var debaters = agents.create(request.agents(), agent -> new DebateCallListener(agent, emitter));
    for (Agent agent : debaters) {
      AgentUsage before = checkpoint.usage.get(agent.name());
      if (before != null) agent.restoreUsage(before);
    }
    similarity.prepare();
    return new DebateRun(debateId, request, debaters, emitter, control, clock, VIRTUAL, convergence, similarity,
        weights, checkpoint, reason).execute();
  }

  /**
   * Ends a debate that cannot be continued: emits {@code debate_end} (status failed, error
   * "cannot resume: " + {@code why}) with seq {@code lastSeq + 1} and returns the failed result.
   * For callers that cannot even read the stored events.
   */
  public DebateResult unresumable(String debateId, DebateRequest request, long lastSeq, String why, EventSink sink) {
    String error = "cannot resume: " + why;
    Emitter emitter = new Emitter(debateId, sink, clock, lastSeq);
    emitter.emit(0, "", new DebateEnded(DebateStatus.FAILED.wire(), 0, 0, false, 0, 0, error));
    List<String> names = request.agents().stream().map(AgentSpec::name).toList();
    return new DebateResult(debateId, request.question(), "", 0, false, "none", DebateStatus.FAILED,
        request.consensus().wire(), 0, "", names, Map.of(), Map.of(), List.of(), List.of(), List.of(), "not_checked", 0,
        Map.of(), 0, Map.of(), 0, List.of(), false, error, identities(request));
  }

  private static DebateResult finished(String debateId, DebateRequest request, Checkpoint c) {
    DebateEnded end = c.ended;
    ConsensusDecided consensus = c.consensus;
    DebateStatus status = Arrays.stream(DebateStatus.values()).filter(s -> s.wire().equals(end.status())).findFirst()
        .orElse(DebateStatus.FAILED);
    List<String> names = request.agents().stream().map(AgentSpec::name).toList();
    Map<String, AgentUsage> usage = new LinkedHashMap<>();
    for (String name : names) usage.put(name, c.usage.getOrDefault(name, AgentUsage.ZERO));
    return new DebateResult(debateId, request.question(), consensus == null ? "" : consensus.answer(),
        end.confidence(), end.consensusReached(), consensus == null ? "none" : consensus.strength(), status,
        request.consensus().wire(), end.rounds(), consensus == null ? "" : consensus.winner(), names, c.proposals,
        c.positions, c.votes, c.critiques, List.of(),
        c.lastConvergence == null ? "not_checked" : c.lastConvergence.status(),
        c.lastConvergence == null ? 0 : c.lastConvergence.minSimilarity(), c.failures, end.duration(), usage,
        end.totalCostUsd(), c.messages, c.demo, end.error(), identities(request));
  }

  private static Map<String, AgentIdentity> identities(DebateRequest request) {
    Map<String, AgentIdentity> identities = new LinkedHashMap<>();
    for (AgentSpec spec : request.agents()) identities.put(spec.name(), AgentIdentity.of(spec));
    return identities;
  }
}
