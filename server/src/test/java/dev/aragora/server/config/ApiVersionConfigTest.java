package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiVersionConfigTest {
  @Test
  void defaultsAreTheDeploymentGuides() {
    ApiVersionConfig config = ApiVersionConfig.defaults();
    assertThat(config).isEqualTo(new ApiVersionConfig("v2", true, LocalDate.of(2026, 12, 31), LocalDate.of(2026, 1, 1)));
    assertThat(config.deprecatesV1()).isTrue();
  }

  @Test
  void eachValueComesFromItsVariable() {
    ApiVersionConfig config = ApiVersionConfig.fromEnvironment(Map.of("ARAGORA_API_VERSION", "V1",
        "ARAGORA_API_LEGACY_ENABLED", "false", "ARAGORA_API_V1_SUNSET", "2027-06-30",
        "ARAGORA_API_V1_DEPRECATED", "2026-07-01"));
    assertThat(config).isEqualTo(new ApiVersionConfig("v1", false, LocalDate.of(2027, 6, 30), LocalDate.of(2026, 7, 1)));
    assertThat(config.deprecatesV1()).isFalse();
  }

  @Test
  void badValuesAreClearStartupErrors() {
    assertThatThrownBy(() -> ApiVersionConfig.fromEnvironment(Map.of("ARAGORA_API_V1_SUNSET", "31/12/2026")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ARAGORA_API_V1_SUNSET must be a date as YYYY-MM-DD (e.g. 2026-12-31), got '31/12/2026'");
    assertThatThrownBy(() -> ApiVersionConfig.fromEnvironment(Map.of("ARAGORA_API_V1_SUNSET", "2026-02-30")))
        .hasMessageContaining("ARAGORA_API_V1_SUNSET");
    assertThatThrownBy(() -> ApiVersionConfig.fromEnvironment(Map.of("ARAGORA_API_VERSION", "v3")))
        .hasMessageContaining("ARAGORA_API_VERSION must be v1 or v2");
    assertThatThrownBy(() -> ApiVersionConfig.fromEnvironment(Map.of("ARAGORA_API_LEGACY_ENABLED", "maybe")))
        .hasMessageContaining("ARAGORA_API_LEGACY_ENABLED");
    assertThatThrownBy(() -> ApiVersionConfig.fromEnvironment(Map.of("ARAGORA_API_V1_SUNSET", "2025-12-31")))
        .hasMessageContaining("ARAGORA_API_V1_DEPRECATED").hasMessageContaining("must not be after");
  }
}
