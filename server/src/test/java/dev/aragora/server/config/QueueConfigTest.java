package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueConfigTest {
  @Test
  void defaultsNameTheInstanceByHostAndPort() {
    QueueConfig config = QueueConfig.fromEnvironment(Map.of("HOSTNAME", "web-7"), 8080);

    assertThat(config.instanceId()).isEqualTo("web-7:8080");
    assertThat(config.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void onAnyPortTheNameIsRandomSoThatTwoInstancesNeverShareIt() {
    QueueConfig one = QueueConfig.fromEnvironment(Map.of("HOSTNAME", "web"), 0);
    QueueConfig two = QueueConfig.fromEnvironment(Map.of("HOSTNAME", "web"), 0);

    assertThat(one.instanceId()).startsWith("web:any-").isNotEqualTo(two.instanceId());
  }

  @Test
  void readsTheSettings() {
    QueueConfig config = QueueConfig.fromEnvironment(Map.of("ARAGORA_INSTANCE_ID", "inst-2",
        "ARAGORA_DEBATE_LEASE_SECONDS", "3", "ARAGORA_QUEUE_POLL_MS", "100"), 8080);

    assertThat(config.instanceId()).isEqualTo("inst-2");
    assertThat(config.lease()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.heartbeat()).as("a third of a short lease").isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesBadValuesNamingTheVariable() {
    assertThatThrownBy(() -> QueueConfig.fromEnvironment(Map.of("ARAGORA_DEBATE_LEASE_SECONDS", "0"), 8080))
        .hasMessageContaining("ARAGORA_DEBATE_LEASE_SECONDS");
    assertThatThrownBy(() -> QueueConfig.fromEnvironment(Map.of("ARAGORA_QUEUE_POLL_MS", "soon"), 8080))
        .hasMessageContaining("ARAGORA_QUEUE_POLL_MS");
    assertThatThrownBy(() -> QueueConfig.fromEnvironment(Map.of("ARAGORA_INSTANCE_ID", "x".repeat(201)), 8080))
        .hasMessageContaining("ARAGORA_INSTANCE_ID");
  }
}
