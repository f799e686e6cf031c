package dev.aragora.core.provider.gemini;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.http.Json;
import dev.aragora.core.provider.http.VendorHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

final class GeminiChatProvider implements ChatProvider {
  private final VendorHttp http;
  private final String base;
  private final String apiKey;

  GeminiChatProvider(VendorHttp http, URI baseUrl, String apiKey) {
    this.http = http;
    String url = baseUrl.toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.apiKey = apiKey;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener tokens) throws InterruptedException {
    Map<String, String> headers = Map.of(
        "x-goog-api-key", apiKey,
        "accept", request.stream() ? "text/event-stream" : "application/json");
    String provider = http.provider();
    return http.postJson(endpoint(request), headers, GeminiRequestBody.of(request), request.timeout(), body -> {
      GeminiReplies reply = new GeminiReplies(provider, request.model(), tokens);
      if (request.stream()) return reply.readStream(body);
      return reply.readWhole(new String(Json.readCapped(body, Json.MAX_BODY_BYTES, provider), StandardCharsets.UTF_8));
    });
  }

  private URI endpoint(ChatRequest request) {
    String model = request.model().startsWith("models/") ? request.model().substring("models/".length()) : request.model();
    String method = request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent";
    return URI.create(base + "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8) + method);
  }
}
