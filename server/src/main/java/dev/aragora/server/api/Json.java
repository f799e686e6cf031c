package dev.aragora.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** Writes JSON responses, including the one error shape {@code {error:{code,message}}}. */
public final class Json {
  private final ObjectMapper mapper;

  public Json(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  public JsonNode parse(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  public void send(Context ctx, int status, Object body) {
    sendText(ctx, status, text(body));
  }

  /** Sends JSON that is already serialised (e.g. a cached answer). */
  public void sendText(Context ctx, int status, String jsonText) {
    ctx.status(status).contentType("application/json").result(jsonText);
  }

  /** {@code body} as JSON text. */
  public String text(Object body) {
    try {
      return mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a response", e);
    }
  }

  public void error(Context ctx, int status, String code, String message) {
    ObjectNode body = object();
    body.putObject("error").put("code", code).put("message", message);
    send(ctx, status, body);
  }
}
