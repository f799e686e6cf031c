package dev.aragora.core.provider.gemini;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.http.VendorHttp;
import java.net.URI;
import java.net.http.HttpClient;

/** Client for the Gemini generateContent API. */
public final class Gemini {
  private Gemini() {}

  /** @param baseUrl the URL that {@code /v1beta/models/…} is appended to, e.g. https://generativelanguage.googleapis.com */
  public static ChatProvider provider(URI baseUrl, String apiKey, HttpClient http) {
    if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException("gemini: API key is empty");
    return new GeminiChatProvider(new VendorHttp(http, "gemini", apiKey), baseUrl, apiKey);
  }
}
