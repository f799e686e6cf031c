package dev.aragora.core.provider.anthropic;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.http.Json;
import dev.aragora.core.provider.http.VendorHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

final class AnthropicChatProvider implements ChatProvider {
  private final VendorHttp http;
  private final URI endpoint;
  private final String apiKey;

  AnthropicChatProvider(VendorHttp http, URI baseUrl, String apiKey) {
    this.http = http;
    String base = baseUrl.toString();
    this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/messages");
    this.apiKey = apiKey;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener tokens) throws InterruptedException {
    Map<String, String> headers = Map.of(
        "x-api-key", apiKey,
        "anthropic-version", Anthropic.API_VERSION,
        "accept", request.stream() ? "text/event-stream" : "application/json");
    String provider = http.provider();
    return http.postJson(endpoint, headers, AnthropicRequestBody.of(request), request.timeout(), body -> request.stream()
        ? new AnthropicStreamReader(provider, request.model(), tokens).read(body)
        : AnthropicReplies.parse(provider, request.model(),
            new String(Json.readCapped(body, Json.MAX_BODY_BYTES, provider), StandardCharsets.UTF_8)));
  }
}
