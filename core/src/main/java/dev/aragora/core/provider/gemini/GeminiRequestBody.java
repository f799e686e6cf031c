package dev.aragora.core.provider.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.http.Json;

final class GeminiRequestBody {
  private GeminiRequestBody() {}

  static ObjectNode of(ChatRequest request) {
    ObjectNode body = Json.object();
    ArrayNode contents = body.putArray("contents");
    for (ChatMessage message : request.messages()) {
      ObjectNode content = contents.addObject().put("role", role(message.role()));
      content.putArray("parts").addObject().put("text", message.content());
    }
    if (!request.system().isEmpty())
      body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
    body.putObject("generationConfig")
        .put("temperature", request.temperature())
        .put("maxOutputTokens", request.maxTokens());
    return body;
  }

  private static String role(ChatMessage.Role role) {
    return switch (role) {
      case USER -> "user";
      case ASSISTANT -> "model";
    };
  }
}
