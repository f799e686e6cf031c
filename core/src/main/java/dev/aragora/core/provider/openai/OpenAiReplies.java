package dev.aragora.core.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.Usage;
import dev.aragora.core.provider.http.Json;

/** Reads a non-streamed {@code chat.completion}. */
final class OpenAiReplies {
  private OpenAiReplies() {}

  static ChatResponse parse(String provider, String requestedModel, String body) {
    JsonNode root = Json.parse(provider, body);
    JsonNode choice = root.path("choices").path(0);
    String text = Json.text(choice.path("message"), "content");
    String finishReason = Json.text(choice, "finish_reason");
    if (text.isEmpty()) throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0,
        "reply has no message content" + (finishReason.isEmpty() ? "" : " (finish_reason " + finishReason + ")"));
    String model = Json.text(root, "model");
    return new ChatResponse(text, usage(root.get("usage")), provider, model.isEmpty() ? requestedModel : model, finishReason);
  }

  static Usage usage(JsonNode usage) {
    if (usage == null || !usage.isObject()) return Usage.ZERO;
    return new Usage(Math.max(0, Json.number(usage, "prompt_tokens", 0)), Math.max(0, Json.number(usage, "completion_tokens", 0)));
  }
}
