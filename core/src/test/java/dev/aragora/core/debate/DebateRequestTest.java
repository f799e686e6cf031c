package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import dev.aragora.core.agent.AgentSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebateRequestTest {
  private static final List<AgentSpec> TWO = AgentSpec.parseList("demo,demo");

  @Test
  void defaultsAreThreeRoundsMajorityAllToAll() {
    var request = DebateRequest.of("  Why?  ", TWO);

    assertThat(request.question()).isEqualTo("Why?");
    assertThat(request.rounds()).isEqualTo(3);
    assertThat(request.consensus()).isEqualTo(ConsensusMode.MAJORITY);
    assertThat(request.topology()).isEqualTo(Topology.ALL_TO_ALL);
    assertThat(request.agentTimeout()).isEqualTo(Duration.ofSeconds(240));
    assertThat(request.debateTimeout()).isEqualTo(Duration.ofSeconds(1200));
    assertThat(request.context()).isEmpty();
    assertThat(request.judge()).isEmpty();
  }

  @Test
  void aQuestionOfOneToTenThousandCharactersIsAccepted() {
    assertThatNoException().isThrownBy(() -> DebateRequest.of("x", TWO));
    assertThatNoException().isThrownBy(() -> DebateRequest.of("x".repeat(10_000), TWO));
  }

  @Test
  void anEmptyOrOverlongQuestionIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> DebateRequest.of("   ", TWO)).withMessageContaining("empty");
    assertThatIllegalArgumentException().isThrownBy(() -> DebateRequest.of("x".repeat(10_001), TWO))
        .withMessageContaining("10001").withMessageContaining("10000");
  }

  @Test
  void fewerThanTwoAgentsAreRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> DebateRequest.of("Why?", AgentSpec.parseList("demo")))
        .withMessageContaining("at least 2 agents");
  }

  @Test
  void fewerThanOneRoundIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> DebateRequest.of("Why?", TWO).withRounds(0))
        .withMessageContaining("rounds must be at least 1");
  }

  @Test
  void nonPositiveTimeoutsAreRejected() {
    var request = DebateRequest.of("Why?", TWO);
    assertThatIllegalArgumentException().isThrownBy(() -> request.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> request.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
  }

  @Test
  void limitsNameTheVariableForTooManyAgents() {
    var request = DebateRequest.of("Why?", AgentSpec.parseList("demo,demo,demo"));

    assertThatIllegalArgumentException().isThrownBy(() -> new DebateLimits(2, 12).check(request))
        .withMessageContaining("too many agents: 3").withMessageContaining("ARAGORA_MAX_AGENTS_PER_DEBATE");
  }

  @Test
  void limitsNameTheVariableForTooManyRounds() {
    var request = DebateRequest.of("Why?", TWO).withRounds(13);

    assertThatIllegalArgumentException().isThrownBy(() -> DebateLimits.DEFAULTS.check(request))
        .withMessageContaining("too many rounds: 13").withMessageContaining("ARAGORA_MAX_ROUNDS");
    assertThatNoException().isThrownBy(() -> DebateLimits.DEFAULTS.check(request.withRounds(12)));
  }

  @Test
  void rejectsAgentsWithTheSameName() {
    var twins = java.util.List.of(new AgentSpec("demo", "", "x"), new AgentSpec("demo", "", "x"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DebateRequest.of("Q?", twins))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("distinct");
  }
}
