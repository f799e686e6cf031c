package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
  @Test
  void defaultsAreTheSeedsDefaults() {
    EngineConfig c = EngineConfig.fromEnvironment(Map.of());

    assertThat(c.maxAgents()).isEqualTo(10);
    assertThat(c.maxRounds()).isEqualTo(12);
    assertThat(c.defaultRounds()).isEqualTo(3);
    assertThat(c.agentTimeout()).isEqualTo(Duration.ofSeconds(240));
    assertThat(c.fallbackEnabled()).isTrue();
    assertThat(c.similarityBackend()).isEqualTo("auto");
  }

  @Test
  void aLowMaxRoundsLowersTheDefaultRoundsInsteadOfFailing() {
    assertThat(EngineConfig.fromEnvironment(Map.of("ARAGORA_MAX_ROUNDS", "2")).defaultRounds()).isEqualTo(2);
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("ARAGORA_OPENROUTER_FALLBACK_ENABLED", "maybe")))
        .hasMessageContaining("ARAGORA_OPENROUTER_FALLBACK_ENABLED");
    assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("ARAGORA_MAX_AGENTS_PER_DEBATE", "1")))
        .hasMessageContaining("ARAGORA_MAX_AGENTS_PER_DEBATE");
    assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("ARAGORA_SIMILARITY_BACKEND", "faiss")))
        .hasMessageContaining("ARAGORA_SIMILARITY_BACKEND");
  }
}
