package dev.aragora.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
  private static final String SECRET = "s".repeat(32);

  @Test
  void defaults() {
    AuthConfig config = AuthConfig.fromEnvironment(Map.of());
    assertThat(config.jwtSecret()).isEmpty();
    assertThat(config.production()).isFalse();
    assertThat(config.accessTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.refreshTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(config.adminEmail()).isEqualTo("admin@localhost");
    assertThat(config.adminPassword()).isEmpty();
    assertThat(config.defaultTenant()).isEqualTo("default");
    assertThat(config.apiToken()).isEmpty();
    assertThat(config.metricsToken()).isEmpty();
  }

  @Test
  void readsEverySetting() {
    AuthConfig config = AuthConfig.fromEnvironment(Map.of("ARAGORA_JWT_SECRET", SECRET, "ARAGORA_JWT_SECRET_PREVIOUS",
        "p".repeat(40), "ARAGORA_API_TOKEN", "t".repeat(16), "ARAGORA_METRICS_TOKEN", "m".repeat(20),
        "ARAGORA_ACCESS_TOKEN_TTL", "300", "ARAGORA_REFRESH_TOKEN_TTL", "3600", "ARAGORA_ADMIN_EMAIL", "Root@Example.com",
        "ARAGORA_ADMIN_PASSWORD", "long enough", "ARAGORA_DEFAULT_TENANT", "acme", "ARAGORA_ENV", "production"));
    assertThat(config.jwtSecret()).contains(SECRET);
    assertThat(config.previousJwtSecret()).contains("p".repeat(40));
    assertThat(config.production()).isTrue();
    assertThat(config.accessTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.refreshTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(config.adminEmail()).isEqualTo("root@example.com");
    assertThat(config.defaultTenant()).isEqualTo("acme");
  }

  @Test
  void aShortSecretIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_JWT_SECRET", "short")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARAGORA_JWT_SECRET must be at least 32")
        .hasMessageNotContaining("short");
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_JWT_SECRET", SECRET,
        "ARAGORA_JWT_SECRET_PREVIOUS", "x".repeat(31)))).hasMessageContaining("ARAGORA_JWT_SECRET_PREVIOUS");
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_API_TOKEN", "abc")))
        .hasMessageContaining("ARAGORA_API_TOKEN must be at least 16");
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_ADMIN_PASSWORD", "abc")))
        .hasMessageContaining("ARAGORA_ADMIN_PASSWORD");
  }

  @Test
  void productionRefusesToStartWithoutAnExplicitSecret() {
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_ENV", "production")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ARAGORA_ENV=production needs ARAGORA_JWT_SECRET");
    assertThat(AuthConfig.fromEnvironment(Map.of("ARAGORA_ENV", "development")).production()).isFalse();
  }

  @Test
  void badLifetimesAreRefused() {
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_ACCESS_TOKEN_TTL", "10")))
        .hasMessageContaining("ARAGORA_ACCESS_TOKEN_TTL");
    assertThatThrownBy(() -> AuthConfig.fromEnvironment(Map.of("ARAGORA_ACCESS_TOKEN_TTL", "7200",
        "ARAGORA_REFRESH_TOKEN_TTL", "3600"))).hasMessageContaining("must not be longer");
  }

  @Test
  void toStringNeverShowsASecret() {
    AuthConfig config = AuthConfig.fromEnvironment(Map.of("ARAGORA_JWT_SECRET", SECRET, "ARAGORA_API_TOKEN",
        "tok-0123456789abcdef", "ARAGORA_ADMIN_PASSWORD", "hunter2hunter2"));
    assertThat(config.toString()).doesNotContain(SECRET, "tok-0123456789abcdef", "hunter2").contains("(set)");
  }
}
