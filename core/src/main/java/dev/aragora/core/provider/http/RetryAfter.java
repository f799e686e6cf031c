package dev.aragora.core.provider.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses {@code Retry-After}: delta-seconds ({@code 120}) or an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}). */
public final class RetryAfter {
  private RetryAfter() {}

  /** The wait the server asked for; a date in the past means zero; unparseable values are ignored. */
  public static Optional<Duration> parse(String value, Instant now) {
    if (value == null || value.isBlank()) return Optional.empty();
    String text = value.strip();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException tooLarge) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /**
   * Reads the response headers. OpenAI-style servers also send {@code retry-after-ms}, which is
   * more precise, so it wins when present.
   */
  public static Optional<Duration> from(HttpHeaders headers, Instant now) {
    Optional<String> millis = headers.firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        double ms = Double.parseDouble(millis.get().strip());
        if (ms >= 0 && ms < Long.MAX_VALUE) return Optional.of(Duration.ofMillis((long) Math.ceil(ms)));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    return headers.firstValue("retry-after").flatMap(value -> parse(value, now));
  }
}
