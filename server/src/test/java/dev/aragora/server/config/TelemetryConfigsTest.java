package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** TenancyConfig and LoggingConfig: the seeds' defaults and what is refused. */
class TelemetryConfigsTest {
  @Test
  void tenancyDefaultsAreTheSeeds() {
    assertThat(TenancyConfig.fromEnvironment(Map.of())).isEqualTo(new TenancyConfig("default", 1000, 10_000_000));
    assertThat(TenancyConfig.fromEnvironment(Map.of("ARAGORA_DEFAULT_TENANT", "acme", "ARAGORA_QUOTA_DEBATES", "50",
        "ARAGORA_QUOTA_TOKENS", "2000"))).isEqualTo(new TenancyConfig("acme", 50, 2000));
  }

  @Test
  void aTenantIdMustBeAShortLabelValue() {
    assertThatThrownBy(() -> TenancyConfig.fromEnvironment(Map.of("ARAGORA_DEFAULT_TENANT", "a b")))
        .hasMessageContaining("ARAGORA_DEFAULT_TENANT");
    assertThatThrownBy(() -> TenancyConfig.fromEnvironment(Map.of("ARAGORA_QUOTA_DEBATES", "0")))
        .hasMessageContaining("ARAGORA_QUOTA_DEBATES");
  }

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
