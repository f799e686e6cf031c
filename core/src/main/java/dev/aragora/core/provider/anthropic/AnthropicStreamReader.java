package dev.aragora.core.provider.anthropic;

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
 * Reads the Messages event stream: message_start, content blocks, message_delta, message_stop.
 * Only text deltas become tokens (thinking and tool-input deltas are not answer text); pings and
 * event types added later are skipped.
 */
final class AnthropicStreamReader {
  private final String provider;
  private final TokenListener tokens;
  private final StringBuilder text = new StringBuilder();
  private String model;
  private String stopReason = "";
  private long inputTokens;
  private long outputTokens;

  AnthropicStreamReader(String provider, String requestedModel, TokenListener tokens) {
    this.provider = provider;
    this.model = requestedModel;
    this.tokens = tokens;
  }

  ChatResponse read(InputStream body) throws IOException {
    SseReader events = new SseReader(body, provider);
    for (SseEvent event = events.next(); event != null; event = events.next()) {
      if (event.data().isBlank()) continue;
      JsonNode data = Json.parse(provider, event.data());
      String type = event.event().isEmpty() ? Json.text(data, "type") : event.event();
      switch (type) {
        case "message_start" -> {
          JsonNode message = data.path("message");
          if (!Json.text(message, "model").isEmpty()) model = Json.text(message, "model");
          inputTokens = Json.number(message.path("usage"), "input_tokens", inputTokens);
          outputTokens = Json.number(message.path("usage"), "output_tokens", outputTokens);
        }
        case "content_block_delta" -> {
          JsonNode delta = data.path("delta");
          if (Json.text(delta, "type").equals("text_delta")) {
            String piece = Json.text(delta, "text");
            if (!piece.isEmpty()) {
              text.append(piece);
              tokens.onToken(piece);
            }
          }
        }
        case "message_delta" -> {
          String reason = Json.text(data.path("delta"), "stop_reason");
          if (!reason.isEmpty()) stopReason = reason;
          // Both counts are cumulative, so the latest value replaces the earlier one.
          outputTokens = Json.number(data.path("usage"), "output_tokens", outputTokens);
          inputTokens = Json.number(data.path("usage"), "input_tokens", inputTokens);
        }
        case "message_stop" -> {
          return finish();
        }
        case "error" -> {
          JsonNode error = data.path("error");
          throw HttpErrors.inStream(provider, AnthropicReplies.kindOfStreamError(error), error);
        }
        default -> { } // ping, content_block_start/stop and unknown events carry no answer text
      }
    }
    throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0, "stream ended before message_stop");
  }

  private ChatResponse finish() {
    if (text.isEmpty()) throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0,
        "stream carried no text" + (stopReason.isEmpty() ? "" : " (stop_reason " + stopReason + ")"));
    return new ChatResponse(text.toString(), new Usage(Math.max(0, inputTokens), Math.max(0, outputTokens)),
        provider, model, stopReason);
  }
}
