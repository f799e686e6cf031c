package dev.aragora.core.provider;

import static java.util.Objects.requireNonNull;

/**
 * Where in a debate a call is made. Real vendors never see it; the demo provider derives its
 * deterministic text from it, and listeners use it to label metrics and errors.
 *
 * @param phase one of proposal, critique, revision, vote, synthesis, judge_vote
 * @param target the agent whose text is being critiqued (critique phase), else empty
 * @param persona the agent's persona name (demo identity or role), else empty
 */
public record CallContext(String debateId, String agent, String phase, int round, String question,
                          String target, String persona) {
  public CallContext {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(agent, "agent is null");
    requireNonNull(phase, "phase is null");
    requireNonNull(question, "question is null");
    target = target == null ? "" : target;
    persona = persona == null ? "" : persona;
  }

  public static CallContext none() {
    return new CallContext("", "", "", 0, "", "", "");
  }
}
