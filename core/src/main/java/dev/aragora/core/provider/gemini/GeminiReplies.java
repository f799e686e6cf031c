package dev.aragora.core.provider.gemini;

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
 * Accumulates GenerateContentResponse objects: one for a plain call, one per SSE event when
 * streaming (each event is a complete response holding the next piece of text, and the stream
 * simply ends, with no [DONE] marker).
 */
final class GeminiReplies {
  private final String provider;
  private final TokenListener tokens;
  private final StringBuilder text = new StringBuilder();
  private String model;
  private String finishReason = "";
  private String blockReason = "";
  private Usage usage = Usage.ZERO;

  GeminiReplies(String provider, String requestedModel, TokenListener tokens) {
    this.provider = provider;
    this.model = requestedModel;
    this.tokens = tokens;
  }

  ChatResponse readWhole(String body) {
    accept(Json.parse(provider, body), false);
    return finish();
  }

  ChatResponse readStream(InputStream body) throws IOException {
    SseReader events = new SseReader(body, provider);
    for (SseEvent event = events.next(); event != null; event = events.next())
      if (!event.data().isBlank()) accept(Json.parse(provider, event.data()), true);
    return finish();
  }

  private void accept(JsonNode response, boolean streaming) {
    JsonNode error = response.get("error");
    if (error != null && error.isObject()) {
      int code = (int) Json.number(error, "code", 500);
      throw HttpErrors.inStream(provider, HttpErrors.kindFor(code, Json.text(error, "status") + " " + Json.text(error, "message")), error);
    }
    if (!Json.text(response, "modelVersion").isEmpty()) model = Json.text(response, "modelVersion");
    JsonNode candidate = response.path("candidates").path(0);
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.path("thought").asBoolean(false)) continue; // thought summaries are not the answer
      String piece = Json.text(part, "text");
      if (piece.isEmpty()) continue;
      text.append(piece);
      if (streaming) tokens.onToken(piece);
    }
    if (!Json.text(candidate, "finishReason").isEmpty()) finishReason = Json.text(candidate, "finishReason");
    String blocked = Json.text(response.path("promptFeedback"), "blockReason");
    if (!blocked.isEmpty()) blockReason = blocked;
    JsonNode metadata = response.get("usageMetadata");
    if (metadata != null && metadata.isObject()) {
      // Thinking tokens are billed as output but reported apart from candidatesTokenCount.
      long output = Json.number(metadata, "candidatesTokenCount", 0) + Json.number(metadata, "thoughtsTokenCount", 0);
      usage = new Usage(Math.max(0, Json.number(metadata, "promptTokenCount", 0)), Math.max(0, output));
    }
  }

  private ChatResponse finish() {
    if (!blockReason.isEmpty() && text.isEmpty())
      throw new ProviderException(Kind.BAD_REQUEST, provider, 0, "prompt blocked: " + blockReason);
    if (text.isEmpty()) throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0,
        "reply has no text" + (finishReason.isEmpty() ? "" : " (finishReason " + finishReason + ")"));
    return new ChatResponse(text.toString(), usage, provider, model, finishReason);
  }
}
