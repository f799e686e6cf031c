package dev.aragora.core.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.Usage;
import dev.aragora.core.provider.http.HttpErrors;
import dev.aragora.core.provider.http.Json;
import dev.aragora.core.provider.http.SseEvent;
import dev.aragora.core.provider.http.SseReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads {@code chat.completion.chunk} events until {@code data: [DONE]}. With
 * {@code include_usage} the usage arrives in a last chunk whose {@code choices} is empty;
 * some compatible servers send {@code choices: null} instead.
 */
final class OpenAiStreamReader {
  private final String provider;
  private final TokenListener tokens;
  private final StringBuilder text = new StringBuilder();
  private String model;
  private String finishReason = "";
  private Usage usage = Usage.ZERO;

  OpenAiStreamReader(String provider, String requestedModel, TokenListener tokens) {
    this.provider = provider;
    this.model = requestedModel;
    this.tokens = tokens;
  }

  ChatResponse read(InputStream body) throws IOException {
    SseReader events = new SseReader(body, provider);
    for (SseEvent event = events.next(); event != null; event = events.next()) {
      String data = event.data().strip();
      if (data.equals("[DONE]")) return finish();
      if (!data.isEmpty()) accept(Json.parse(provider, data));
    }
    throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0, "stream ended before [DONE]");
  }

  private void accept(JsonNode chunk) {
    JsonNode error = chunk.get("error");
    if (error != null && error.isObject()) {
      // OpenRouter reports upstream failures mid-stream this way, with an HTTP-like numeric code.
      int code = (int) Json.number(error, "code", 500);
      throw HttpErrors.inStream(provider, HttpErrors.kindFor(code, error.toString()), error);
    }
    if (!Json.text(chunk, "model").isEmpty()) model = Json.text(chunk, "model");
    JsonNode reported = chunk.get("usage");
    if (reported != null && reported.isObject()) usage = OpenAiReplies.usage(reported);
    JsonNode choices = chunk.get("choices");
    if (choices == null || !choices.isArray()) return;
    for (JsonNode choice : choices) {
      if (Json.number(choice, "index", 0) != 0) continue;
      String delta = Json.text(choice.path("delta"), "content");
      if (!delta.isEmpty()) {
        text.append(delta);
        tokens.onToken(delta);
      }
      String reason = Json.text(choice, "finish_reason");
      if (!reason.isEmpty()) finishReason = reason;
    }
  }

  private ChatResponse finish() {
    if (text.isEmpty()) throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0,
        "stream carried no content" + (finishReason.isEmpty() ? "" : " (finish_reason " + finishReason + ")"));
    return new ChatResponse(text.toString(), usage, provider, model, finishReason);
  }
}
