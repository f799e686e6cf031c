package dev.aragora.server.store;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.AgentFailure;
import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.Critique;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Message;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.TokenDelta;
import java.time.Instant;
import java.util.List;
import java.util.Map;

final class StoreFixtures {
  private StoreFixtures() {}

  static DebateRequest request(String question) {
    return DebateRequest.of(question, List.of(AgentSpec.parse("demo:a"), AgentSpec.parse("demo:b"))).withRounds(2);
  }

  static DebateResult result(String id) {
    return new DebateResult(id, "Why?", "Because.", 0.8, true, "strong", DebateStatus.CONSENSUS_REACHED,
        "majority", 2, "a", List.of("a", "b"), Map.of("a", "pa", "b", "pb"), Map.of("a", "fa", "b", "fb"),
        List.of(new Vote("b", "a", 0.8, "good", false)),
        List.of(new Critique("a", "b", 1, List.of("i"), List.of("s"), 6, "r")),
        List.of(new DissentRecord("b", "fb", "b", 0.6, "mine")), "converged", 0.91,
        Map.of("b", List.of(new AgentFailure("vote", 3, "timeout", "slow", "openai", 1.5))), 12.5,
        Map.of("a", new AgentUsage(4, 100, 50, 0.01)), 0.01,
        List.of(new Message("proposal", "a", "pa", 0, 1.0)), false, "");
  }

  static EventEnvelope event(String debateId, long seq, String token) {
    return new EventEnvelope(debateId, seq, Instant.ofEpochSecond(1_700_000_000L + seq, 250_000_000), 1, "a",
        new TokenDelta(token, "proposal"));
  }
}
