package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void portComesFromPortThenAragoraPortThen8080() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).port()).isEqualTo(8080);
    assertThat(ServerConfig.fromEnvironment(Map.of("ARAGORA_PORT", "9000")).port()).isEqualTo(9000);
    assertThat(ServerConfig.fromEnvironment(Map.of("ARAGORA_PORT", "9000", "PORT", "9100")).port()).isEqualTo(9100);
    assertThat(ServerConfig.fromEnvironment(Map.of("PORT", "9100")).withPort(0).port()).isZero();
  }

  @Test
  void maxConcurrentDebatesDefaultsToTen() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).maxConcurrentDebates()).isEqualTo(10);
    assertThat(ServerConfig.fromEnvironment(Map.of("ARAGORA_MAX_CONCURRENT_DEBATES", "3")).maxConcurrentDebates()).isEqualTo(3);
  }

  @Test
  void shutdownTimeoutDefaultsToThirtySeconds() {
    assertThat(ServerConfig.fromEnvironment(Map.of()).shutdownTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(ServerConfig.fromEnvironment(Map.of("ARAGORA_SHUTDOWN_TIMEOUT", "5")).withPort(0).shutdownTimeout())
        .isEqualTo(java.time.Duration.ofSeconds(5));
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ARAGORA_SHUTDOWN_TIMEOUT", "0")))
        .hasMessageContaining("ARAGORA_SHUTDOWN_TIMEOUT");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("PORT", "http")))
        .hasMessageContaining("PORT");
    assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of("ARAGORA_MAX_CONCURRENT_DEBATES", "0")))
        .hasMessageContaining("ARAGORA_MAX_CONCURRENT_DEBATES");
  }
}
