package dev.aragora.core.provider.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.provider.ChatMessage;
import dev.aragora.core.provider.ChatRequest;
import dev.aragora.core.provider.http.Json;

final class OpenAiRequestBody {
  private OpenAiRequestBody() {}

  static ObjectNode of(ChatRequest request) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    if (!request.system().isEmpty()) messages.addObject().put("role", "system").put("content", request.system());
    for (ChatMessage message : request.messages())
      messages.addObject().put("role", role(message.role())).put("content", message.content());
    body.put("max_tokens", request.maxTokens());
    body.put("temperature", request.temperature());
    body.put("stream", request.stream());
    if (request.stream()) body.putObject("stream_options").put("include_usage", true);
    return body;
  }

  private static String role(ChatMessage.Role role) {
    return switch (role) {
      case USER -> "user";
      case ASSISTANT -> "assistant";
    };
  }
}
