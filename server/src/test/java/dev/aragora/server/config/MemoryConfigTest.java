package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryConfigTest {
  @Test
  void defaultsRecallThreeAtHalfSimilarityAndSweepEveryThirtySeconds() {
    MemoryConfig c = MemoryConfig.fromEnvironment(Map.of());

    assertThat(c.recallLimit()).isEqualTo(3);
    assertThat(c.minSimilarity()).isEqualTo(0.5);
    assertThat(c.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void settingsAreRead() {
    MemoryConfig c = MemoryConfig.fromEnvironment(Map.of("ARAGORA_MEMORY_RECALL_LIMIT", "0",
        "ARAGORA_MEMORY_MIN_SIMILARITY", "0.75", "ARAGORA_MEMORY_SWEEP_INTERVAL", "5"));

    assertThat(c).isEqualTo(new MemoryConfig(0, 0.75, Duration.ofSeconds(5)));
  }

  @Test
  void badValuesNameTheirVariable() {
    assertThatThrownBy(() -> MemoryConfig.fromEnvironment(Map.of("ARAGORA_MEMORY_MIN_SIMILARITY", "1.5")))
        .hasMessageContaining("ARAGORA_MEMORY_MIN_SIMILARITY");
    assertThatThrownBy(() -> MemoryConfig.fromEnvironment(Map.of("ARAGORA_MEMORY_RECALL_LIMIT", "21")))
        .hasMessageContaining("ARAGORA_MEMORY_RECALL_LIMIT");
    assertThatThrownBy(() -> MemoryConfig.fromEnvironment(Map.of("ARAGORA_MEMORY_SWEEP_INTERVAL", "0")))
        .hasMessageContaining("ARAGORA_MEMORY_SWEEP_INTERVAL");
  }
}
