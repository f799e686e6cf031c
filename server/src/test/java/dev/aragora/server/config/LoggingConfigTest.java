package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** LoggingConfig: JSON at info in production, else text at warn, and what is refused. */
class LoggingConfigTest {
  @Test
  void productionLogsJsonAtInfoElseTextAtWarn() {
    assertThat(LoggingConfig.fromEnvironment(Map.of())).isEqualTo(new LoggingConfig(false, "warn"));
    assertThat(LoggingConfig.fromEnvironment(Map.of("ARAGORA_ENV", "production"))).isEqualTo(new LoggingConfig(true, "info"));
    assertThat(LoggingConfig.fromEnvironment(Map.of("ARAGORA_ENV", "Production", "ARAGORA_LOG_FORMAT", "text",
        "ARAGORA_LOG_LEVEL", "WARN"))).isEqualTo(new LoggingConfig(false, "warn"));
    assertThat(LoggingConfig.fromEnvironment(Map.of("ARAGORA_ENV", "staging"))).isEqualTo(new LoggingConfig(false, "warn"));
    assertThatThrownBy(() -> LoggingConfig.fromEnvironment(Map.of("ARAGORA_LOG_FORMAT", "xml")))
        .hasMessageContaining("ARAGORA_LOG_FORMAT");
  }
}
