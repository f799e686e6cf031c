package dev.aragora.core.debate;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentSpec;
import java.time.Duration;
import java.util.List;

/**
 * What to debate and how.
 *
 * @param agentTimeout limit for one agent call (ARAGORA_AGENT_TIMEOUT, 240 s)
 * @param debateTimeout limit for the whole debate
 * @param context optional background given to every agent; empty for none
 * @param judge the judge's agent name for {@link ConsensusMode#JUDGE}; empty picks the first agent
 */
public record DebateRequest(String question, List<AgentSpec> agents, int rounds, ConsensusMode consensus,
                            Topology topology, Duration agentTimeout, Duration debateTimeout, String context,
                            String judge) {
  public static final int DEFAULT_ROUNDS = 3;
  public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofSeconds(240);
  public static final Duration DEFAULT_DEBATE_TIMEOUT = Duration.ofSeconds(1200);

  public DebateRequest {
    requireNonNull(question, "question is null");
    question = question.strip();
    if (question.isEmpty()) throw new IllegalArgumentException("question is empty");
    if (question.length() > DebateLimits.MAX_QUESTION_CHARS)
      throw new IllegalArgumentException("question is " + question.length() + " characters (max "
          + DebateLimits.MAX_QUESTION_CHARS + ")");
    agents = List.copyOf(agents);
    if (agents.size() < 2) throw new IllegalArgumentException("a debate needs at least 2 agents, got " + agents.size());
    if (agents.stream().map(AgentSpec::name).distinct().count() < agents.size())
      throw new IllegalArgumentException("agent names must be distinct: " + agents.stream().map(AgentSpec::name).toList());
    if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
    requireNonNull(consensus, "consensus is null");
    requireNonNull(topology, "topology is null");
    requireNonNull(agentTimeout, "agentTimeout is null");
    requireNonNull(debateTimeout, "debateTimeout is null");
    if (agentTimeout.isNegative() || agentTimeout.isZero()) throw new IllegalArgumentException("agentTimeout must be positive");
    if (debateTimeout.isNegative() || debateTimeout.isZero()) throw new IllegalArgumentException("debateTimeout must be positive");
    context = context == null ? "" : context;
    judge = judge == null ? "" : judge;
  }

  /** A request with the defaults: 3 rounds, majority, all-to-all, 240 s per agent, 1200 s per debate. */
  public static DebateRequest of(String question, List<AgentSpec> agents) {
    return new DebateRequest(question, agents, DEFAULT_ROUNDS, ConsensusMode.MAJORITY, Topology.ALL_TO_ALL,
        DEFAULT_AGENT_TIMEOUT, DEFAULT_DEBATE_TIMEOUT, "", "");
  }

  public DebateRequest withRounds(int value) {
    return new DebateRequest(question, agents, value, consensus, topology, agentTimeout, debateTimeout, context, judge);
  }

  public DebateRequest withConsensus(ConsensusMode value) {
    return new DebateRequest(question, agents, rounds, value, topology, agentTimeout, debateTimeout, context, judge);
  }

  public DebateRequest withTopology(Topology value) {
    return new DebateRequest(question, agents, rounds, consensus, value, agentTimeout, debateTimeout, context, judge);
  }

  public DebateRequest withTimeouts(Duration agent, Duration debate) {
    return new DebateRequest(question, agents, rounds, consensus, topology, agent, debate, context, judge);
  }

  public DebateRequest withContext(String value) {
    return new DebateRequest(question, agents, rounds, consensus, topology, agentTimeout, debateTimeout, value, judge);
  }

  public DebateRequest withJudge(String value) {
    return new DebateRequest(question, agents, rounds, consensus, topology, agentTimeout, debateTimeout, context, value);
  }
}
