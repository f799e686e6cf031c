package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.server.net.IpRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitConfigTest {
  @Test
  void defaultsAreTheScalingGuides() {
    RateLimitConfig config = RateLimitConfig.defaults();
    assertThat(config).isEqualTo(new RateLimitConfig(30, 60, 300, 120, 2.0, List.of(), Duration.ofSeconds(120)));
    assertThat(config.capacity(30)).isEqualTo(60);
    assertThat(config.capacity(120)).isEqualTo(240);
  }

  @Test
  void eachValueComesFromItsVariable() {
    RateLimitConfig config = RateLimitConfig.fromEnvironment(Map.of("ARAGORA_RATE_LIMIT_ANONYMOUS", "5",
        "ARAGORA_RATE_LIMIT", "7", "ARAGORA_RATE_LIMIT_PREMIUM", "9", "ARAGORA_IP_RATE_LIMIT", "0",
        "ARAGORA_BURST_MULTIPLIER", "1.5", "ARAGORA_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7",
        "ARAGORA_REDIS_TTL", "30"));
    assertThat(config).isEqualTo(new RateLimitConfig(5, 7, 9, 0, 1.5,
        List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.0.2.7")), Duration.ofSeconds(30)));
    assertThat(config.capacity(7)).isEqualTo(10);
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("ARAGORA_BURST_MULTIPLIER", "0.5")))
        .hasMessageContaining("ARAGORA_BURST_MULTIPLIER");
    assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("ARAGORA_BURST_MULTIPLIER", "lots")))
        .hasMessageContaining("ARAGORA_BURST_MULTIPLIER");
    assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("ARAGORA_IP_RATE_LIMIT", "-1")))
        .hasMessageContaining("ARAGORA_IP_RATE_LIMIT");
    assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("ARAGORA_TRUSTED_PROXIES", "10.0.0.0/8,lb.internal")))
        .hasMessageContaining("ARAGORA_TRUSTED_PROXIES").hasMessageContaining("lb.internal");
    assertThatThrownBy(() -> RateLimitConfig.fromEnvironment(Map.of("ARAGORA_REDIS_TTL", "0")))
        .hasMessageContaining("ARAGORA_REDIS_TTL");
  }
}
