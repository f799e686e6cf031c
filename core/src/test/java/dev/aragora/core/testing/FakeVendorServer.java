package dev.aragora.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local vendor endpoint on 127.0.0.1 that replays scripted bytes and records every request.
 * Responses come first from the {@link #enqueue queue}, then from the {@link #dispatcher};
 * with neither, the server answers 500 with a JSON error saying so.
 *
 * <pre>{@code
 * try (var server = FakeVendorServer.start()) {
 *   server.enqueue(Scripted.sse(VendorBodies.openAiStreamEvents(List.of("Hel", "lo"), 12, 2)));
 *   ... point a client at server.baseUrl() ...
 *   assertThat(server.takeRequest().json().path("stream").asBoolean()).isTrue();
 * }
 * }</pre>
 */
public final class FakeVendorServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<Scripted> queue = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private volatile Function<RecordedRequest, Scripted> dispatcher;

  private FakeVendorServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static FakeVendorServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      FakeVendorServer fake = new FakeVendorServer(server, executor);
      server.setExecutor(executor);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public URI uri(String path) {
    return URI.create(baseUrl() + path);
  }

  /** Adds responses to be served in order, one per request. */
  public FakeVendorServer enqueue(Scripted... responses) {
    queue.addAll(List.of(responses));
    return this;
  }

  /** Answers requests that find the queue empty; suits scripted conversations with many calls. */
  public FakeVendorServer dispatcher(Function<RecordedRequest, Scripted> dispatcher) {
    this.dispatcher = dispatcher;
    return this;
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public int requestCount() {
    return requests.size();
  }

  /** The oldest request not yet taken, waiting up to 5 s for one to arrive. */
  public RecordedRequest takeRequest() throws InterruptedException {
    RecordedRequest request = untaken.poll(5, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("no request arrived within 5 s");
    return request;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow(); // interrupts handlers that are still streaming or stalling
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      RecordedRequest request = record(exchange);
      requests.add(request);
      untaken.add(request);
      respond(exchange, next(request));
    } catch (IOException | InterruptedException clientGoneOrServerClosing) {
      // a client that gave up (timeout, cancel) or close() ends the exchange; nothing to report
    }
  }

  private Scripted next(RecordedRequest request) {
    Scripted scripted = queue.poll();
    if (scripted != null) return scripted;
    Function<RecordedRequest, Scripted> current = dispatcher;
    if (current != null) return current.apply(request);
    return Scripted.json(500, "{\"error\":{\"message\":\"FakeVendorServer: nothing scripted for "
        + request.method() + " " + request.path() + "\",\"type\":\"fake_server_error\"}}");
  }

  private static RecordedRequest record(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new java.util.HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
    String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
    URI uri = exchange.getRequestURI();
    return new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
  }

  private static void respond(HttpExchange exchange, Scripted scripted) throws IOException, InterruptedException {
    sleep(scripted.headersDelay());
    scripted.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    if (!scripted.streamed()) {
      byte[] body = scripted.chunks().isEmpty() ? new byte[0] : scripted.chunks().getFirst().text().getBytes(UTF_8);
      exchange.sendResponseHeaders(scripted.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) exchange.getResponseBody().write(body);
      return;
    }
    exchange.sendResponseHeaders(scripted.status(), 0);
    OutputStream out = exchange.getResponseBody();
    for (Scripted.Chunk chunk : scripted.chunks()) {
      sleep(chunk.delayBefore());
      if (chunk.text().isEmpty()) continue;
      out.write(chunk.text().getBytes(UTF_8));
      out.flush();
    }
  }

  private static void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero()) Thread.sleep(duration);
  }
}
