package dev.aragora.core.provider.openai;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import dev.aragora.core.provider.http.Json;
import dev.aragora.core.provider.http.VendorHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

final class OpenAiChatProvider implements ChatProvider {
  private final VendorHttp http;
  private final URI endpoint;
  private final String apiKey;

  OpenAiChatProvider(VendorHttp http, URI baseUrl, String apiKey) {
    this.http = http;
    this.endpoint = URI.create(stripTrailingSlash(baseUrl.toString()) + "/chat/completions");
    this.apiKey = apiKey;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener tokens) throws InterruptedException {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!apiKey.isEmpty()) headers.put("authorization", "Bearer " + apiKey);
    headers.put("accept", request.stream() ? "text/event-stream" : "application/json");
    String provider = http.provider();
    return http.postJson(endpoint, headers, OpenAiRequestBody.of(request), request.timeout(), body -> request.stream()
        ? new OpenAiStreamReader(provider, request.model(), tokens).read(body)
        : OpenAiReplies.parse(provider, request.model(),
            new String(Json.readCapped(body, Json.MAX_BODY_BYTES, provider), StandardCharsets.UTF_8)));
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
