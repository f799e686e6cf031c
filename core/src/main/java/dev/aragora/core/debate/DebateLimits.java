package dev.aragora.core.debate;

/**
 * Operator limits: ARAGORA_MAX_AGENTS_PER_DEBATE (default 10) and ARAGORA_MAX_ROUNDS (default 12).
 */
public record DebateLimits(int maxAgents, int maxRounds) {
  public static final DebateLimits DEFAULTS = new DebateLimits(10, 12);
  public static final int MAX_QUESTION_CHARS = 10_000;

  public DebateLimits {
    if (maxAgents < 2) throw new IllegalArgumentException("maxAgents < 2: " + maxAgents);
    if (maxRounds < 1) throw new IllegalArgumentException("maxRounds < 1: " + maxRounds);
  }

  /** Throws {@link IllegalArgumentException} naming the first limit {@code request} breaks. */
  public void check(DebateRequest request) {
    if (request.agents().size() > maxAgents)
      throw new IllegalArgumentException("too many agents: " + request.agents().size()
          + " (max " + maxAgents + ", set ARAGORA_MAX_AGENTS_PER_DEBATE to change)");
    if (request.rounds() > maxRounds)
      throw new IllegalArgumentException("too many rounds: " + request.rounds()
          + " (max " + maxRounds + ", set ARAGORA_MAX_ROUNDS to change)");
  }
}
