package dev.aragora.core.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.Usage;
import dev.aragora.core.provider.http.HttpErrors;
import dev.aragora.core.provider.http.Json;

/** Reads a non-streamed {@code message} and maps Anthropic error types. */
final class AnthropicReplies {
  private AnthropicReplies() {}

  static ChatResponse parse(String provider, String requestedModel, String body) {
    JsonNode root = Json.parse(provider, body);
    StringBuilder text = new StringBuilder();
    for (JsonNode block : root.path("content"))
      if (Json.text(block, "type").equals("text")) text.append(Json.text(block, "text"));
    String stopReason = Json.text(root, "stop_reason");
    if (text.isEmpty()) throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0,
        "reply has no text content" + (stopReason.isEmpty() ? "" : " (stop_reason " + stopReason + ")"));
    JsonNode usage = root.path("usage");
    String model = Json.text(root, "model");
    return new ChatResponse(text.toString(),
        new Usage(Math.max(0, Json.number(usage, "input_tokens", 0)), Math.max(0, Json.number(usage, "output_tokens", 0))),
        provider, model.isEmpty() ? requestedModel : model, stopReason);
  }

  /** The kind for an {@code error} event inside a stream, by Anthropic's error type. */
  static Kind kindOfStreamError(JsonNode error) {
    String type = Json.text(error, "type");
    return switch (type) {
      case "rate_limit_error" -> Kind.RATE_LIMITED;
      case "authentication_error", "permission_error" -> Kind.AUTH;
      case "invalid_request_error", "not_found_error", "request_too_large" ->
          HttpErrors.saysOutOfCredit(Json.text(error, "message")) ? Kind.QUOTA : Kind.BAD_REQUEST;
      default -> Kind.SERVER_ERROR; // overloaded_error, api_error and types added later
    };
  }
}
