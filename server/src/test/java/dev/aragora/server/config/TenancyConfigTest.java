package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenancyConfigTest {
  @Test
  void defaultsAreTheDeploymentGuides() {
    assertThat(TenancyConfig.fromEnvironment(Map.of())).isEqualTo(new TenancyConfig(false, "default", "X-Tenant-ID",
        100_000, 10_000_000, 100 * TenancyConfig.GB, 1_000));
    assertThat(MeteringConfig.fromEnvironment(Map.of())).isEqualTo(new MeteringConfig(true, Duration.ofSeconds(60),
        MeteringConfig.Backend.PROMETHEUS, "localhost", 8125, "aragora"));
  }

  @Test
  void eachSettingComesFromItsVariable() {
    TenancyConfig tenancy = TenancyConfig.fromEnvironment(Map.of("ARAGORA_MULTI_TENANT", "true",
        "ARAGORA_DEFAULT_TENANT", "acme", "ARAGORA_TENANT_HEADER", "X-Org", "ARAGORA_QUOTA_API_CALLS", "5",
        "ARAGORA_QUOTA_TOKENS", "0", "ARAGORA_QUOTA_STORAGE_GB", "0.000002", "ARAGORA_QUOTA_DEBATES", "3"));
    assertThat(tenancy).isEqualTo(new TenancyConfig(true, "acme", "X-Org", 5, 0, 2_000, 3));
    MeteringConfig metering = MeteringConfig.fromEnvironment(Map.of("ARAGORA_METERING_ENABLED", "false",
        "ARAGORA_METERING_FLUSH_INTERVAL", "0", "ARAGORA_METERING_BACKEND", "StatsD", "STATSD_HOST", "stats.local",
        "STATSD_PORT", "9125", "ARAGORA_STATSD_PREFIX", "ara.prod"));
    assertThat(metering).isEqualTo(new MeteringConfig(false, Duration.ZERO, MeteringConfig.Backend.STATSD, "stats.local",
        9125, "ara.prod"));
    assertThat(MeteringConfig.fromEnvironment(Map.of("STATSD_HOST", "a", "ARAGORA_STATSD_HOST", "b",
        "ARAGORA_STATSD_PORT", "1")).statsdHost()).as("ours first").isEqualTo("b");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> TenancyConfig.fromEnvironment(Map.of("ARAGORA_DEFAULT_TENANT", "Acme Corp")))
        .hasMessageContaining("ARAGORA_DEFAULT_TENANT");
    assertThatThrownBy(() -> TenancyConfig.fromEnvironment(Map.of("ARAGORA_QUOTA_DEBATES", "-1")))
        .hasMessageContaining("ARAGORA_QUOTA_DEBATES");
    assertThatThrownBy(() -> TenancyConfig.fromEnvironment(Map.of("ARAGORA_QUOTA_STORAGE_GB", "lots")))
        .hasMessageContaining("ARAGORA_QUOTA_STORAGE_GB");
    assertThatThrownBy(() -> TenancyConfig.fromEnvironment(Map.of("ARAGORA_TENANT_HEADER", "X Tenant")))
        .hasMessageContaining("ARAGORA_TENANT_HEADER");
    assertThatThrownBy(() -> MeteringConfig.fromEnvironment(Map.of("ARAGORA_METERING_BACKEND", "influx")))
        .hasMessageContaining("ARAGORA_METERING_BACKEND");
    assertThatThrownBy(() -> MeteringConfig.fromEnvironment(Map.of("ARAGORA_METERING_FLUSH_INTERVAL", "-5")))
        .hasMessageContaining("ARAGORA_METERING_FLUSH_INTERVAL");
  }
}
