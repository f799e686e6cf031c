package dev.aragora.core.debate;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentFactory;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.ConvergenceDetector;
import dev.aragora.core.convergence.SimilarityScorer;
import dev.aragora.core.debate.event.EventSink;
import java.time.InstantSource;
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
    return new DebateRun(debateId, request, debaters, emitter, control, clock, VIRTUAL, convergence, similarity,
        weights).execute();
  }
}
