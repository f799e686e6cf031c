package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisConfigTest {
  @Test
  void withoutAUrlRedisIsNotConfiguredAndTheDefaultsHold() {
    RedisConfig config = RedisConfig.fromEnvironment(Map.of());
    assertThat(config).isEqualTo(new RedisConfig(Optional.empty(), "aragora:", Duration.ofSeconds(300)));
    assertThat(config.configured()).isFalse();
  }

  @Test
  void theAragoraUrlWinsOverTheLegacyOne() {
    RedisConfig config = RedisConfig.fromEnvironment(Map.of("ARAGORA_REDIS_URL", "redis://cache:6380/2",
        "REDIS_URL", "redis://legacy:6379"));
    assertThat(config.server()).contains(new RedisConfig.Server(false, "cache", 6380, 2, "", ""));
    assertThat(RedisConfig.fromEnvironment(Map.of("REDIS_URL", "redis://legacy")).server())
        .contains(new RedisConfig.Server(false, "legacy", 6379, 0, "", ""));
  }

  @Test
  void prefixAndCacheTtlComeFromTheirVariables() {
    RedisConfig config = RedisConfig.fromEnvironment(Map.of("ARAGORA_REDIS_URL", "redis://localhost",
        "ARAGORA_REDIS_KEY_PREFIX", "staging:", "ARAGORA_CACHE_TTL", "0"));
    assertThat(config.keyPrefix()).isEqualTo("staging:");
    assertThat(config.cacheTtl()).isZero();
  }

  @Test
  void tlsUserPasswordAndDatabaseAreRead() {
    assertThat(RedisConfig.parse("ARAGORA_REDIS_URL", "rediss://app:p%40ss+word@redis.example:6390/3"))
        .isEqualTo(new RedisConfig.Server(true, "redis.example", 6390, 3, "app", "p@ss+word"));
    assertThat(RedisConfig.parse("ARAGORA_REDIS_URL", "redis://:secret@127.0.0.1/"))
        .isEqualTo(new RedisConfig.Server(false, "127.0.0.1", 6379, 0, "", "secret"));
    assertThat(RedisConfig.parse("ARAGORA_REDIS_URL", "redis://secret@[::1]:7000"))
        .isEqualTo(new RedisConfig.Server(false, "::1", 7000, 0, "", "secret"));
  }

  @Test
  void thePasswordNeverShowsInTextOrErrors() {
    RedisConfig config = RedisConfig.fromEnvironment(Map.of("ARAGORA_REDIS_URL", "redis://app:hunter2@cache:6379/1"));
    assertThat(config.toString()).doesNotContain("hunter2").contains("redis://***@cache:6379/1");
    assertThatThrownBy(() -> RedisConfig.fromEnvironment(Map.of("REDIS_URL", "http://app:hunter2@cache")))
        .hasMessageContaining("REDIS_URL").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisConfig.fromEnvironment(Map.of("ARAGORA_REDIS_URL", "redis://app:hunter2@cache/x")))
        .hasMessageContaining("ARAGORA_REDIS_URL").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisConfig.fromEnvironment(Map.of("ARAGORA_REDIS_URL", "redis://app:hun ter2@cache")))
        .hasMessageContaining("ARAGORA_REDIS_URL").hasMessageNotContaining("hun ter2");
  }

  @Test
  void aBadCacheTtlNamesItsVariable() {
    assertThatThrownBy(() -> RedisConfig.fromEnvironment(Map.of("ARAGORA_CACHE_TTL", "-1")))
        .hasMessageContaining("ARAGORA_CACHE_TTL");
  }
}
