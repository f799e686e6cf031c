package dev.aragora.core.provider.anthropic;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.http.VendorHttp;
import java.net.URI;
import java.net.http.HttpClient;

/** Client for the Anthropic Messages API. */
public final class Anthropic {
  public static final String API_VERSION = "2023-06-01";

  private Anthropic() {}

  /** @param baseUrl the URL that {@code /v1/messages} is appended to, e.g. https://api.anthropic.com */
  public static ChatProvider provider(URI baseUrl, String apiKey, HttpClient http) {
    if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException("anthropic: API key is empty");
    return new AnthropicChatProvider(new VendorHttp(http, "anthropic", apiKey), baseUrl, apiKey);
  }
}
