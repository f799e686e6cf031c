package dev.aragora.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Vendor reply bodies shaped like the real ones (peers.md §2b): plain JSON, SSE event lists and
 * error bodies for OpenAI Chat Completions, Anthropic Messages and Gemini generateContent.
 * Stream builders return one string per SSE event, ready for {@link Scripted#sse(List)}.
 */
public final class VendorBodies {
  public static final String OPENAI_MODEL = "gpt-4o-2024-08-06";
  public static final String ANTHROPIC_MODEL = "claude-sonnet-4-5-20250929";
  public static final String GEMINI_MODEL = "gemini-2.5-pro";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VendorBodies() {}

  // ---- OpenAI -----------------------------------------------------------------------------

  public static String openAiCompletion(String text, long promptTokens, long completionTokens) {
    ObjectNode root = MAPPER.createObjectNode()
        .put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_731_000_000L).put("model", OPENAI_MODEL);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
    choice.putNull("logprobs").put("finish_reason", "stop");
    root.set("usage", openAiUsage(promptTokens, completionTokens));
    root.put("system_fingerprint", "fp_fake");
    return json(root);
  }

  /** A role chunk, one chunk per delta, a finish chunk, the {@code choices: []} usage chunk and {@code [DONE]}. */
  public static List<String> openAiStreamEvents(List<String> deltas, long promptTokens, long completionTokens) {
    List<String> events = new ArrayList<>();
    ObjectNode first = openAiChunk();
    first.withArrayProperty("choices").addObject().put("index", 0).putNull("finish_reason")
        .putObject("delta").put("role", "assistant").put("content", "");
    events.add(data(first));
    for (String delta : deltas) {
      ObjectNode chunk = openAiChunk();
      chunk.withArrayProperty("choices").addObject().put("index", 0).putNull("finish_reason").putObject("delta").put("content", delta);
      events.add(data(chunk));
    }
    ObjectNode finish = openAiChunk();
    finish.withArrayProperty("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
    events.add(data(finish));
    ObjectNode usage = openAiChunk();
    usage.set("usage", openAiUsage(promptTokens, completionTokens));
    events.add(data(usage));
    events.add("data: [DONE]\n\n");
    return events;
  }

  public static String openAiError(String message, String type, String code) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error").put("message", message).put("type", type).putNull("param");
    if (code == null) error.putNull("code");
    else error.put("code", code);
    return json(root);
  }

  private static ObjectNode openAiChunk() {
    ObjectNode chunk = MAPPER.createObjectNode().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
        .put("created", 1_731_000_000L).put("model", OPENAI_MODEL).put("system_fingerprint", "fp_fake");
    chunk.putArray("choices");
    chunk.putNull("usage");
    return chunk;
  }

  private static ObjectNode openAiUsage(long promptTokens, long completionTokens) {
    ObjectNode usage = MAPPER.createObjectNode().put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return usage;
  }

  // ---- Anthropic --------------------------------------------------------------------------

  public static String anthropicMessage(String text, long inputTokens, long outputTokens) {
    ObjectNode root = MAPPER.createObjectNode()
        .put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", ANTHROPIC_MODEL);
    root.putArray("content").addObject().put("type", "text").put("text", text);
    root.put("stop_reason", "end_turn").putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens)
        .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
    return json(root);
  }

  /** message_start, a ping, one text block with a delta per piece, message_delta and message_stop. */
  public static List<String> anthropicStreamEvents(List<String> deltas, long inputTokens, long outputTokens) {
    List<String> events = new ArrayList<>();
    ObjectNode start = MAPPER.createObjectNode().put("type", "message_start");
    ObjectNode message = start.putObject("message").put("id", "msg_fake").put("type", "message").put("role", "assistant")
        .put("model", ANTHROPIC_MODEL);
    message.putArray("content");
    message.putNull("stop_reason").putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
    events.add(event("message_start", start));
    ObjectNode blockStart = MAPPER.createObjectNode().put("type", "content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    events.add(event("content_block_start", blockStart));
    events.add(event("ping", MAPPER.createObjectNode().put("type", "ping")));
    for (String delta : deltas) {
      ObjectNode node = MAPPER.createObjectNode().put("type", "content_block_delta").put("index", 0);
      node.putObject("delta").put("type", "text_delta").put("text", delta);
      events.add(event("content_block_delta", node));
    }
    events.add(event("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop").put("index", 0)));
    ObjectNode messageDelta = MAPPER.createObjectNode().put("type", "message_delta");
    messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", outputTokens);
    events.add(event("message_delta", messageDelta));
    events.add(event("message_stop", MAPPER.createObjectNode().put("type", "message_stop")));
    return events;
  }

  /** {@code {"type":"error","error":{"type":…,"message":…}}}, as an error body or an {@code error} event's data. */
  public static String anthropicError(String type, String message) {
    ObjectNode root = MAPPER.createObjectNode().put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return json(root);
  }

  /** An SSE {@code event: error} as sent mid-stream. */
  public static String anthropicErrorEvent(String type, String message) {
    return "event: error\ndata: " + anthropicError(type, message) + "\n\n";
  }

  // ---- Gemini -----------------------------------------------------------------------------

  public static String geminiResponse(String text, long promptTokens, long candidateTokens) {
    return json(geminiChunk(text, "STOP", promptTokens, candidateTokens));
  }

  /** One full GenerateContentResponse per piece; the last carries finishReason. No terminator (the stream just ends). */
  public static List<String> geminiStreamEvents(List<String> deltas, long promptTokens, long candidateTokens) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < deltas.size(); i++) {
      boolean last = i == deltas.size() - 1;
      events.add(data(geminiChunk(deltas.get(i), last ? "STOP" : null, promptTokens, last ? candidateTokens : i + 1)));
    }
    return events;
  }

  public static String geminiError(int code, String status, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("error").put("code", code).put("message", message).put("status", status);
    return json(root);
  }

  private static ObjectNode geminiChunk(String text, String finishReason, long promptTokens, long candidateTokens) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addObject().put("text", text);
    content.put("role", "model");
    if (finishReason != null) candidate.put("finishReason", finishReason);
    candidate.put("index", 0);
    root.putObject("usageMetadata").put("promptTokenCount", promptTokens).put("candidatesTokenCount", candidateTokens)
        .put("totalTokenCount", promptTokens + candidateTokens);
    root.put("modelVersion", GEMINI_MODEL).put("responseId", "fake-response");
    return root;
  }

  // ---- Any wire format -------------------------------------------------------------------

  /**
   * A successful reply carrying {@code text} in whatever format {@code request} speaks, chosen by
   * its path (…/chat/completions, …/v1/messages, …:generateContent, …:streamGenerateContent), streamed
   * word by word when the request asked to stream. Suits a dispatcher that scripts a whole debate:
   * {@code server.dispatcher(r -> VendorBodies.replyFor(r, "I agree.", 20, 3))}.
   */
  public static Scripted replyFor(RecordedRequest request, String text, long inputTokens, long outputTokens) {
    String path = request.path();
    List<String> words = words(text);
    if (path.endsWith("/chat/completions")) {
      return request.json().path("stream").asBoolean()
          ? Scripted.sse(openAiStreamEvents(words, inputTokens, outputTokens))
          : Scripted.ok(openAiCompletion(text, inputTokens, outputTokens));
    }
    if (path.endsWith("/v1/messages")) {
      return request.json().path("stream").asBoolean()
          ? Scripted.sse(anthropicStreamEvents(words, inputTokens, outputTokens))
          : Scripted.ok(anthropicMessage(text, inputTokens, outputTokens));
    }
    if (path.endsWith(":streamGenerateContent")) return Scripted.sse(geminiStreamEvents(words, inputTokens, outputTokens));
    if (path.endsWith(":generateContent")) return Scripted.ok(geminiResponse(text, inputTokens, outputTokens));
    throw new IllegalArgumentException("no vendor wire format is served at " + path);
  }

  /** Splits text into deltas that concatenate back to it: each word keeps its leading whitespace. */
  static List<String> words(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1)))) {
        pieces.add(text.substring(start, i));
        start = i;
      }
    }
    if (pieces.isEmpty()) pieces.add(text);
    return pieces;
  }

  // ---- SSE framing ------------------------------------------------------------------------

  /** {@code data: <json>\n\n}. */
  public static String data(ObjectNode node) {
    return "data: " + json(node) + "\n\n";
  }

  /** {@code event: <name>\ndata: <json>\n\n}. */
  public static String event(String name, ObjectNode node) {
    return "event: " + name + "\ndata: " + json(node) + "\n\n";
  }

  private static String json(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
