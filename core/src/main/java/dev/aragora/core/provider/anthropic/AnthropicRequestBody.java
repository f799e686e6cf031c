package dev.aragora.core.provider.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.http.Json;

final class AnthropicRequestBody {
  private AnthropicRequestBody() {}

  static ObjectNode of(ChatRequest request) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    body.put("max_tokens", request.maxTokens());
    if (!request.system().isEmpty()) body.put("system", request.system());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage message : request.messages())
      messages.addObject().put("role", role(message.role())).put("content", message.content());
    body.put("temperature", request.temperature());
    body.put("stream", request.stream());
    return body;
  }

  private static String role(ChatMessage.Role role) {
    return switch (role) {
      case USER -> "user";
      case ASSISTANT -> "assistant";
    };
  }
}
