package dev.aragora.core.provider.openai;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.http.VendorHttp;
import java.net.URI;
import java.net.http.HttpClient;

/** Clients for the OpenAI Chat Completions wire format, spoken by OpenAI and many compatible servers. */
public final class OpenAi {
  private OpenAi() {}

  /**
   * @param name reported as {@code ChatResponse.provider()}, e.g. openai, xai, mistral, openrouter
   * @param baseUrl the URL that {@code /chat/completions} is appended to, e.g. https://api.openai.com/v1
   */
  public static ChatProvider provider(String name, URI baseUrl, String apiKey, HttpClient http) {
    if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException(name + ": API key is empty");
    return new OpenAiChatProvider(new VendorHttp(http, name, apiKey), baseUrl, apiKey);
  }

  /** A compatible server that needs no key (Ollama): no Authorization header is sent. */
  public static ChatProvider withoutKey(String name, URI baseUrl, HttpClient http) {
    return new OpenAiChatProvider(new VendorHttp(http, name, ""), baseUrl, "");
  }
}
