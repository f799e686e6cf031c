package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamConfigTest {
  @Test
  void defaultsAreTheScalingGuides() {
    StreamConfig config = StreamConfig.fromEnvironment(Map.of());
    assertThat(config).isEqualTo(new StreamConfig(Duration.ofSeconds(30), 65_536, 10, 30, 10, 20, 100, 1024));
  }

  @Test
  void eachLimitComesFromItsVariable() {
    StreamConfig config = StreamConfig.fromEnvironment(Map.of("ARAGORA_WS_HEARTBEAT", "5",
        "ARAGORA_WS_MAX_MESSAGE_SIZE", "4096", "ARAGORA_WS_MAX_PER_IP", "3", "ARAGORA_WS_CONN_RATE", "7",
        "ARAGORA_WS_MSG_RATE", "2", "ARAGORA_WS_MSG_BURST", "4"));
    assertThat(config).isEqualTo(new StreamConfig(Duration.ofSeconds(5), 4096, 3, 7, 2, 4, 100, 1024));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> StreamConfig.fromEnvironment(Map.of("ARAGORA_WS_HEARTBEAT", "0")))
        .hasMessageContaining("ARAGORA_WS_HEARTBEAT");
    assertThatThrownBy(() -> StreamConfig.fromEnvironment(Map.of("ARAGORA_WS_MSG_BURST", "many")))
        .hasMessageContaining("ARAGORA_WS_MSG_BURST");
  }
}
