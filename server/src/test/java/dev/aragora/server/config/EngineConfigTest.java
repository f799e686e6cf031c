package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.convergence.EmbeddingCache;
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
    assertThat(c.embeddingCache()).isEqualTo(new EmbeddingCache(1000, Duration.ofSeconds(86_400)));
  }

  @Test
  void embeddingCacheSizeAndTtlAreRead() {
    EngineConfig c = EngineConfig.fromEnvironment(Map.of("ARAGORA_EMBEDDING_CACHE_SIZE", "50",
        "ARAGORA_EMBEDDING_CACHE_TTL", "600"));
    assertThat(c.embeddingCache()).isEqualTo(new EmbeddingCache(50, Duration.ofMinutes(10)));
    assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("ARAGORA_EMBEDDING_CACHE_SIZE", "0")))
        .hasMessageContaining("ARAGORA_EMBEDDING_CACHE_SIZE");
    assertThatThrownBy(() -> EngineConfig.fromEnvironment(Map.of("ARAGORA_EMBEDDING_CACHE_TTL", "1d")))
        .hasMessageContaining("ARAGORA_EMBEDDING_CACHE_TTL");
  }

  @Test
  void telemetryIsOnAndMemoryProfilingOffUnlessSaidOtherwise() {
    assertThat(TelemetryConfig.fromEnvironment(Map.of())).isEqualTo(new TelemetryConfig(true, false));
    assertThat(TelemetryConfig.fromEnvironment(Map.of("ARAGORA_ENABLE_TELEMETRY", "false",
        "ARAGORA_MEMORY_PROFILING", "true"))).isEqualTo(new TelemetryConfig(false, true));
    assertThatThrownBy(() -> TelemetryConfig.fromEnvironment(Map.of("ARAGORA_MEMORY_PROFILING", "lots")))
        .hasMessageContaining("ARAGORA_MEMORY_PROFILING");
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
