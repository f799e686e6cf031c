package dev.aragora.core.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaultsMatchTheOriginal() {
    Settings s = Settings.defaults("anthropic", "claude");

    assertThat(s.maxRetries()).isEqualTo(3);
    assertThat(s.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.backoffMultiplier()).isEqualTo(2.0);
    assertThat(s.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.failureThreshold()).isEqualTo(3);
    assertThat(s.openDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.fallbackEnabled()).isTrue();
  }

  @Test
  void backoffDoublesUpToTheCap() {
    Settings s = Settings.defaults("anthropic", "claude");

    assertThat(s.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(s.backoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.backoff(60)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> Settings.defaults("anthropic", "claude").withMaxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Settings("anthropic", "claude", 3, Duration.ZERO, 2, Duration.ofSeconds(30),
        Duration.ofSeconds(60), 3, Duration.ofSeconds(60), true))
        .hasMessageContaining("initialBackoff");
    assertThatThrownBy(() -> new Settings("anthropic", "claude", 3, Duration.ofSeconds(1), 2, Duration.ofSeconds(30),
        Duration.ofSeconds(60), 0, Duration.ofSeconds(60), true))
        .hasMessageContaining("failureThreshold");
  }
}
