package dev.aragora.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aragora.core.agent.Prompts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible Chat Completions endpoint on loopback that answers every call after a fixed
 * latency, in the vendor's wire format: a {@code chat.completion} JSON, or with {@code "stream": true}
 * SSE {@code chat.completion.chunk}s (role, content deltas, finish, the {@code choices: []} usage chunk)
 * and {@code data: [DONE]}. What it answers follows the prompt: critique JSON, vote JSON for the
 * first position listed (so 3 such agents reach consensus), free text otherwise. It spends almost
 * no CPU: each call sleeps on a virtual thread.
 *
 * <p>Server instance {@code k} is given the base URL {@code http://127.0.0.1:P/i<k>/v1}, so every call
 * is attributed to the instance that made it, and to the debate whose task carries a tag
 * {@code [tag]}: {@link #instancesOf} says which instances ran a debate. Calls whose prompt contains
 * {@value #HOLD} wait while the gate is closed ({@link #closeGate}), to keep debates running on purpose.
 */
final class FakeOpenAiVendor implements AutoCloseable {
  static final String HOLD = "[hold]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INSTANCE = Pattern.compile("^/i(\\d+)/");
  private static final Pattern TAG = Pattern.compile("\\[(t[0-9a-z-]+)]");
  private static final Duration HOLD_AT_MOST = Duration.ofSeconds(120);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration latency;
  private final Map<String, Set<Integer>> instancesByTag = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> callsByInstance = new ConcurrentHashMap<>();
  private final LongAdder streamed = new LongAdder();
  private final LongAdder plain = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  private FakeOpenAiVendor(HttpServer server, Duration latency) {
    this.server = server;
    this.latency = latency;
  }

  static FakeOpenAiVendor start(Duration latency) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
    FakeOpenAiVendor vendor = new FakeOpenAiVendor(server, latency);
    server.setExecutor(vendor.executor);
    server.createContext("/", vendor::handle);
    server.start();
    return vendor;
  }

  /** The base URL (OPENAI_BASE_URL) for server instance {@code instance}. */
  String baseUrl(int instance) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/i" + instance + "/v1";
  }

  /** From now on, calls for debates whose task contains {@value #HOLD} wait until {@link #openGate}. */
  void closeGate() {
    gate = new CountDownLatch(1);
  }

  void openGate() {
    gate.countDown();
  }

  /** The instances that made calls for the debate tagged {@code tag} (empty if none). */
  Set<Integer> instancesOf(String tag) {
    return instancesByTag.getOrDefault(tag, Set.of());
  }

  long calls(int instance) {
    LongAdder n = callsByInstance.get(instance);
    return n == null ? 0 : n.sum();
  }

  long streamedCalls() {
    return streamed.sum();
  }

  long plainCalls() {
    return plain.sum();
  }

  /** Requests it could not answer (wrong path, unreadable body): should stay 0. */
  long rejectedCalls() {
    return rejected.sum();
  }

  /** Forgets attribution and counts (between configurations). */
  void reset() {
    instancesByTag.clear();
    callsByInstance.clear();
    streamed.reset();
    plain.reset();
    rejected.reset();
  }

  @Override
  public void close() {
    openGate();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher instance = INSTANCE.matcher(path);
      JsonNode request;
      try {
        request = JSON.readTree(exchange.getRequestBody());
      } catch (IOException e) {
        request = null;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions") || !instance.find()
          || request == null || !request.path("messages").isArray()) {
        rejected.increment();
        send(exchange, 404, "application/json", error("no such endpoint or unreadable request: " + path));
        return;
      }
      int k = Integer.parseInt(instance.group(1));
      callsByInstance.computeIfAbsent(k, x -> new LongAdder()).increment();
      StringBuilder all = new StringBuilder();
      String user = "";
      for (JsonNode m : request.path("messages")) {
        all.append(m.path("content").asText()).append('\n');
        if (m.path("role").asText().equals("user")) user = m.path("content").asText();
      }
      Matcher tag = TAG.matcher(all);
      if (tag.find()) instancesByTag.computeIfAbsent(tag.group(1), t -> ConcurrentHashMap.newKeySet()).add(k);
      if (all.indexOf(HOLD) >= 0) gate.await(HOLD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
      Thread.sleep(latency);

      String text = answer(user);
      String model = request.path("model").asText("bench-model");
      long promptTokens = Math.max(1, all.length() / 4);
      long completionTokens = Math.max(1, text.split("\\s+").length);
      if (request.path("stream").asBoolean(false)) {
        streamed.increment();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String event : streamEvents(model, text, promptTokens, completionTokens)) {
          out.write(event.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } else {
        plain.increment();
        send(exchange, 200, "application/json", completion(model, text, promptTokens, completionTokens));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** By the step the prompt asks for (see {@link Prompts}). */
  private static String answer(String user) {
    if (user.contains("Critique this answer")) {
      return "{\"issues\": [\"costs are ignored\"], \"suggestions\": [\"estimate them\"], \"severity\": 6}";
    }
    if (user.contains("Vote for the position")) {
      List<String> names = Prompts.sectionNames(user);
      String choice = names.isEmpty() ? "none" : names.get(0);
      return "{\"choice\": \"" + choice + "\", \"confidence\": 0.8, \"reasoning\": \"best supported\"}";
    }
    if (user.contains("revised answer")) {
      return "Revised: start with a modular monolith, measure, then split the hottest module out.";
    }
    return "Keep the monolith until a team boundary hurts; split along that boundary first.";
  }

  private static String completion(String model, String text, long promptTokens, long completionTokens) {
    ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
        .put("created", System.currentTimeMillis() / 1000).put("model", model);
    ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
    choice.putNull("logprobs").put("finish_reason", "stop");
    root.set("usage", usage(promptTokens, completionTokens));
    root.put("system_fingerprint", "fp_bench");
    return root.toString();
  }

  /** Role chunk, one chunk per word, finish chunk, usage chunk ({@code choices: []}), {@code [DONE]}. */
  private static List<String> streamEvents(String model, String text, long promptTokens, long completionTokens) {
    List<String> events = new ArrayList<>();
    ObjectNode first = chunk(model);
    first.withArrayProperty("choices").addObject().put("index", 0).putNull("finish_reason")
        .putObject("delta").put("role", "assistant").put("content", "");
    events.add(data(first));
    String[] words = text.split("(?<= )");
    for (String word : words) {
      ObjectNode delta = chunk(model);
      delta.withArrayProperty("choices").addObject().put("index", 0).putNull("finish_reason")
          .putObject("delta").put("content", word);
      events.add(data(delta));
    }
    ObjectNode finish = chunk(model);
    finish.withArrayProperty("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
    events.add(data(finish));
    ObjectNode usage = chunk(model);
    usage.set("usage", usage(promptTokens, completionTokens));
    events.add(data(usage));
    events.add("data: [DONE]\n\n");
    return events;
  }

  private static ObjectNode chunk(String model) {
    ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion.chunk")
        .put("created", System.currentTimeMillis() / 1000).put("model", model).put("system_fingerprint", "fp_bench");
    chunk.putArray("choices");
    chunk.putNull("usage");
    return chunk;
  }

  private static ObjectNode usage(long promptTokens, long completionTokens) {
    ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
    usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
    return usage;
  }

  private static String data(JsonNode node) {
    return "data: " + node + "\n\n";
  }

  private static String error(String message) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param").putNull("code");
    return root.toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
