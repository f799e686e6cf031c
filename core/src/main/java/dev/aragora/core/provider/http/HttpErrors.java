package dev.aragora.core.provider.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a vendor's error reply into a {@link ProviderException}. The message is built from the
 * status and the vendor's own error text only, never from our request, and any secret that a
 * server echoes back is redacted.
 */
public final class HttpErrors {
  public static final int MAX_MESSAGE_CHARS = 300;

  private static final Pattern OUT_OF_CREDIT = Pattern.compile("quota|billing|insufficient|credit balance");

  private HttpErrors() {}

  /** The failure kind for an HTTP status; {@code errorText} decides between rate limit, auth and quota. */
  public static Kind kindFor(int status, String errorText) {
    boolean outOfCredit = saysOutOfCredit(errorText);
    return switch (status) {
      case 429 -> outOfCredit ? Kind.QUOTA : Kind.RATE_LIMITED;
      case 402 -> Kind.QUOTA;
      case 401 -> Kind.AUTH;
      case 403 -> outOfCredit ? Kind.QUOTA : Kind.AUTH;
      case 408, 504, 524 -> Kind.TIMEOUT;
      case 529 -> Kind.SERVER_ERROR;
      case 400 -> outOfCredit ? Kind.QUOTA : Kind.BAD_REQUEST;
      default -> status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
    };
  }

  public static boolean saysOutOfCredit(String errorText) {
    return errorText != null && OUT_OF_CREDIT.matcher(errorText.toLowerCase(Locale.ROOT)).find();
  }

  /** An exception for an HTTP error reply; {@code secret} (the API key, may be empty) is cut from the message. */
  public static ProviderException fromResponse(String provider, int status, byte[] body, Duration retryAfter, String secret) {
    VendorError error = VendorError.parse(new String(body, UTF_8));
    String text = error.code() + " " + error.message();
    String detail = error.code().isEmpty() ? error.message() : error.code() + ": " + error.message();
    String message = "HTTP " + status + (detail.isBlank() ? "" : " " + redact(truncate(detail), secret));
    return new ProviderException(kindFor(status, text), provider, status, message, retryAfter, null);
  }

  /**
   * An exception for an error object sent inside a 200 stream (Anthropic {@code event: error},
   * an OpenRouter or Gemini chunk with {@code error}). {@code kind} comes from the codec.
   * {@link VendorHttp} redacts the key from it on the way out.
   */
  public static ProviderException inStream(String provider, Kind kind, JsonNode errorNode) {
    VendorError error = VendorError.of(errorNode);
    String detail = error.code().isEmpty() ? error.message() : error.code() + ": " + error.message();
    return new ProviderException(kind, provider, 0, "stream error " + truncate(detail));
  }

  public static String truncate(String text) {
    if (text == null) return "";
    String oneLine = text.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "…";
  }

  static String redact(String text, String secret) {
    // Short strings would redact ordinary words; real keys are long.
    if (secret == null || secret.length() < 8) return text;
    return text.replace(secret, "[redacted]");
  }

  /**
   * The parts of a vendor error body we report: {@code code} is the vendor's type or status
   * ({@code rate_limit_error}, {@code RESOURCE_EXHAUSTED}, {@code insufficient_quota}).
   */
  public record VendorError(String code, String message) {
    /** Reads {error:{message,type|status|code}}, {error:"…"}, {message}, or a non-JSON body as text. */
    public static VendorError parse(String body) {
      JsonNode root = Json.tryParse(body);
      if (root == null || !root.isObject()) return new VendorError("", body);
      JsonNode error = root.get("error");
      if (error != null && error.isObject()) return of(error);
      if (error != null && error.isTextual()) return new VendorError("", error.asText());
      return new VendorError("", Json.text(root, "message").isEmpty() ? body : Json.text(root, "message"));
    }

    public static VendorError of(JsonNode error) {
      String code = firstText(error, "type", "status", "code");
      return new VendorError(code, Json.text(error, "message"));
    }

    private static String firstText(JsonNode node, String... fields) {
      for (String field : fields) {
        JsonNode value = node.get(field);
        if (value != null && value.isTextual() && !value.asText().isBlank()) return value.asText();
      }
      return "";
    }
  }
}
