package dev.aragora.core.provider.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {
  @ParameterizedTest(name = "{0} ''{1}'' -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      429 | Rate limit reached for requests                 | RATE_LIMITED
      429 | You exceeded your current quota                 | QUOTA
      429 | insufficient_quota                              | QUOTA
      402 | Payment required                                | QUOTA
      401 | invalid x-api-key                               | AUTH
      403 | model not allowed                               | AUTH
      403 | Billing is not enabled for this project         | QUOTA
      400 | Your credit balance is too low                  | QUOTA
      400 | messages: field required                        | BAD_REQUEST
      404 | model not found                                 | BAD_REQUEST
      413 | too large                                       | BAD_REQUEST
      408 | request timeout                                 | TIMEOUT
      504 | gateway timeout                                 | TIMEOUT
      524 | a timeout occurred                              | TIMEOUT
      500 | internal                                        | SERVER_ERROR
      502 | bad gateway                                     | SERVER_ERROR
      503 | unavailable                                     | SERVER_ERROR
      529 | Overloaded                                      | SERVER_ERROR
      """)
  void statusAndErrorTextDecideTheKind(int status, String text, Kind expected) {
    assertThat(HttpErrors.kindFor(status, text)).isEqualTo(expected);
  }

  @Test
  void openAiErrorMessageAndTypeAreReported() {
    ProviderException e = fromBody(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.getMessage()).isEqualTo("openai: HTTP 429 requests: Rate limit reached");
  }

  @Test
  void anthropicErrorTypeAndMessageAreReported() {
    ProviderException e = fromBody(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

    assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
    assertThat(e.getMessage()).endsWith("HTTP 529 overloaded_error: Overloaded");
  }

  @Test
  void geminiStatusAndMessageAreReported() {
    ProviderException e = fromBody(429, "{\"error\":{\"code\":429,\"message\":\"Too many requests\",\"status\":\"RESOURCE_EXHAUSTED\"}}");

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage()).endsWith("HTTP 429 RESOURCE_EXHAUSTED: Too many requests");
  }

  @Test
  void nonJsonBodyIsReportedAsTextOnOneLine() {
    ProviderException e = fromBody(502, "<html>\n<body>Bad   gateway</body>\n</html>");

    assertThat(e.getMessage()).endsWith("HTTP 502 <html> <body>Bad gateway</body> </html>");
  }

  @Test
  void longMessagesAreTruncated() {
    ProviderException e = fromBody(400, "{\"error\":{\"message\":\"" + "x".repeat(5000) + "\"}}");

    assertThat(e.getMessage().length()).isLessThan(HttpErrors.MAX_MESSAGE_CHARS + 40);
    assertThat(e.getMessage()).endsWith("…");
  }

  @Test
  void anEchoedKeyIsRedacted() {
    ProviderException e = HttpErrors.fromResponse("openai", 401,
        "{\"error\":{\"message\":\"Incorrect API key provided: sk-secret-123456\"}}".getBytes(UTF_8), null, "sk-secret-123456");

    assertThat(e.getMessage()).doesNotContain("sk-secret-123456").contains("[redacted]");
  }

  @Test
  void retryAfterIsCarried() {
    ProviderException e = HttpErrors.fromResponse("openai", 429, new byte[0], Duration.ofSeconds(3), "");

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(e.getMessage()).isEqualTo("openai: HTTP 429");
  }

  private static ProviderException fromBody(int status, String body) {
    String provider = body.contains("overloaded") ? "anthropic" : body.contains("RESOURCE") ? "gemini" : "openai";
    return HttpErrors.fromResponse(provider, status, body.getBytes(UTF_8), null, "");
  }
}
