package dev.aragora.core.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2025-10-21T07:28:00Z");

  @Test
  void deltaSecondsAreADuration() {
    assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
  }

  @Test
  void httpDateIsTheTimeLeftUntilThatDate() {
    assertThat(RetryAfter.parse("Tue, 21 Oct 2025 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
  }

  @Test
  void httpDateInThePastMeansRetryNow() {
    assertThat(RetryAfter.parse("Tue, 21 Oct 2025 07:00:00 GMT", NOW)).contains(Duration.ZERO);
  }

  @Test
  void unparseableOrNegativeValuesAreIgnored() {
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
  }

  @Test
  void retryAfterMillisecondsHeaderWinsOverSeconds() {
    HttpHeaders headers = HttpHeaders.of(Map.of("retry-after", List.of("2"), "retry-after-ms", List.of("1500")), (a, b) -> true);

    assertThat(RetryAfter.from(headers, NOW)).contains(Duration.ofMillis(1500));
  }

  @Test
  void headersWithoutRetryAfterGiveNothing() {
    assertThat(RetryAfter.from(HttpHeaders.of(Map.of(), (a, b) -> true), NOW)).isEmpty();
  }
}
