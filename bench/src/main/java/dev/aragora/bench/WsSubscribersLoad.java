package dev.aragora.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many WebSocket subscribers one server holds, and its memory there. A plain {@code main}
 * load client (run by {@code bench/run-server.sh}), not a JMH benchmark.
 *
 * <h2>What it does</h2>
 * <ol>
 *   <li>Creates one debate with demo agents ({@code POST /api/v2/debates}), waits until it has
 *       finished, and counts its stored events (the last {@code seq}).
 *   <li>Opens {@code --connections} WebSockets to {@code ws://host:port/ws} with the JDK's
 *       {@link java.net.http.WebSocket}, at most {@code --in-flight} handshakes at a time. On each
 *       it sends {@code {"type":"subscribe","debate_id":ID,"since":S}}. The first
 *       {@code --full-replay} connections subscribe with {@code since: 0} and must receive every
 *       stored event; the others with {@code since = last - --tail}, so each must receive the last
 *       {@code --tail} events (a full replay is ~800 events, ~180 KB, per subscriber: 10,000 of them
 *       would measure replay bandwidth, not held connections).
 *   <li>A subscriber is <b>confirmed</b> when it got {@code {"type":"subscribed"}} and every
 *       expected event (counted by distinct {@code seq} above {@code since}), not merely when its
 *       socket opened.
 *   <li>Holds all connections for {@code --hold-seconds}, sampling the server's RSS
 *       ({@code VmRSS} of {@code --server-pid}) every second, then counts connections still
 *       open, calls {@code GET /api/health} once and aborts every socket. With {@code --jcmd PATH}
 *       it also forces a full GC in the server before the ramp and after the hold and reads the Java
 *       heap in use then ({@code jcmd PID GC.run}, {@code GC.heap_info}): the live memory per subscriber.
 * </ol>
 * With {@code --source-addresses K > 1} connection i binds its local address to the i mod K-th
 * address of 127.0.1.0/24, 127.0.2.0/24 …, spreading connections over K client IPs.
 *
 * <h2>Output</h2>
 * Progress on stderr; one {@code key=value} line per figure on stdout, prefixed {@code RESULT }.
 * Exit status 0 when every subscriber was confirmed, 1 otherwise, 3 when {@code /ws} answers 404
 * (endpoint not there).
 *
 * <pre>
 * java -Xmx1g -cp bench/target/benchmarks.jar dev.aragora.bench.WsSubscribersLoad \
 *   --url http://127.0.0.1:8080 --connections 10000 [--in-flight 200] [--hold-seconds 10] \
 *   [--full-replay 100] [--tail 3] [--source-addresses 1] [--timeout-seconds 120] [--server-pid PID] [--jcmd PATH]
 * </pre>
 */
public final class WsSubscribersLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WsSubscribersLoad() {}

  record Options(URI url, int connections, int inFlight, int holdSeconds, int fullReplay, int tail,
                 int sourceAddresses, int timeoutSeconds, long serverPid, String debateId, String jcmd) {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    HttpClient rest = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String debateId = o.debateId() != null ? o.debateId() : createDebate(rest, o.url());
    long lastSeq = awaitFinishedAndCountEvents(rest, o.url(), debateId);
    log("debate %s finished with %d stored events", debateId, lastSeq);
    if (lastSeq < 1) throw new IllegalStateException("debate has no stored events");
    int tail = (int) Math.min(o.tail(), lastSeq);

    URI ws = URI.create("ws://" + o.url().getHost() + ":" + o.url().getPort() + "/ws");
    ExecutorService callbacks = Executors.newFixedThreadPool(2);
    List<HttpClient> clients = new ArrayList<>();
    for (int k = 0; k < o.sourceAddresses(); k++) {
      HttpClient.Builder b = HttpClient.newBuilder().executor(callbacks).connectTimeout(Duration.ofSeconds(30));
      if (o.sourceAddresses() > 1) b.localAddress(InetAddress.getByAddress(new byte[] {127, (byte) (1 + k / 250), 1, (byte) (1 + k % 250)}));
      clients.add(b.build());
    }

    // Probe: is there a /ws endpoint at all?
    Subscriber probe = new Subscriber(-1, debateId, lastSeq - tail, tail, null);
    try {
      WebSocket socket = authorized(clients.get(0).newWebSocketBuilder()).connectTimeout(Duration.ofSeconds(10))
          .buildAsync(ws, probe).join();
      if (!probe.done.tryAcquire(30, TimeUnit.SECONDS) || !probe.confirmed)
        log("probe subscriber not confirmed: %s", probe.describe());
      socket.abort();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        System.out.println("RESULT ws_endpoint=missing");
        System.out.println("RESULT ws_handshake_status=" + status);
        log("/ws handshake answered HTTP %d: no WebSocket endpoint to measure", status);
        System.exit(status == 404 ? 3 : 1);
      }
      throw e;
    }

    long heapBefore = liveHeapKb(o);
    long rssBefore = rssKb(o.serverPid());
    Counters c = new Counters();
    List<WebSocket> sockets = new ArrayList<>(o.connections());
    Map<Integer, Subscriber> subscribers = new ConcurrentHashMap<>();
    Semaphore handshakes = new Semaphore(o.inFlight());
    long start = System.nanoTime();
    for (int i = 0; i < o.connections(); i++) {
      handshakes.acquire();
      boolean full = i < o.fullReplay();
      Subscriber s = new Subscriber(i, debateId, full ? 0 : lastSeq - tail, full ? lastSeq : tail, c);
      subscribers.put(i, s);
      authorized(clients.get(i % clients.size()).newWebSocketBuilder()).connectTimeout(Duration.ofSeconds(30))
          .buildAsync(ws, s)
          .whenComplete((socket, error) -> {
            handshakes.release();
            if (error != null) {
              c.handshakeFailed.incrementAndGet();
              c.firstErrors.putIfAbsent(rootMessage(error), s.index);
              s.done.release();
            } else {
              c.opened.incrementAndGet();
              synchronized (sockets) { sockets.add(socket); }
            }
          });
      if ((i + 1) % 1000 == 0) log("%d started, %d open, %d confirmed, %d failed", i + 1, c.opened.get(),
          c.confirmed.get(), c.handshakeFailed.get() + c.failed.get());
    }
    long deadline = start + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
    for (Subscriber s : subscribers.values()) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !s.done.tryAcquire(left, TimeUnit.NANOSECONDS)) break;
    }
    long rampNanos = System.nanoTime() - start;
    int confirmed = c.confirmed.get();
    log("ramp: %d confirmed of %d in %.1f s (%d opened, %d handshake failures, %d failed after open)",
        confirmed, o.connections(), rampNanos / 1e9, c.opened.get(), c.handshakeFailed.get(), c.failed.get());
    for (Subscriber s : subscribers.values()) {
      if (!s.confirmed && c.unconfirmedShown.getAndIncrement() < 5) log("unconfirmed: %s", s.describe());
    }

    long peak = 0;
    long t0 = System.nanoTime();
    for (int sec = 0; sec < o.holdSeconds(); sec++) {
      Thread.sleep(1000);
      peak = Math.max(peak, rssKb(o.serverPid()));
    }
    long rssHeld = rssKb(o.serverPid());
    peak = Math.max(peak, rssHeld);
    int stillOpen = 0;
    for (Subscriber s : subscribers.values()) if (s.confirmed && !s.closed) stillOpen++;
    long h0 = System.nanoTime();
    HttpResponse<String> health = rest.send(authorized(HttpRequest.newBuilder(o.url().resolve("/api/health")))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    double healthMs = (System.nanoTime() - h0) / 1e6;
    long heapHeld = liveHeapKb(o);
    long rssAfterGc = rssKb(o.serverPid());
    log("held %.0f s: %d confirmed subscribers still open; server RSS %d MB (peak %d MB, %d MB before); "
        + "/api/health %d in %.1f ms: %s", (System.nanoTime() - t0) / 1e9, stillOpen, rssHeld / 1024, peak / 1024,
        rssBefore / 1024, health.statusCode(), healthMs, health.body());

    System.out.println("RESULT debate_events=" + lastSeq);
    System.out.println("RESULT connections=" + o.connections());
    System.out.println("RESULT opened=" + c.opened.get());
    System.out.println("RESULT confirmed=" + confirmed);
    System.out.println("RESULT full_replay_confirmed=" + c.fullConfirmed.get());
    System.out.println("RESULT handshake_failed=" + c.handshakeFailed.get());
    System.out.println("RESULT failed_after_open=" + c.failed.get());
    System.out.println("RESULT ramp_seconds=" + String.format(Locale.ROOT, "%.1f", rampNanos / 1e9));
    System.out.println("RESULT still_open_after_hold=" + stillOpen);
    System.out.println("RESULT hold_seconds=" + o.holdSeconds());
    System.out.println("RESULT server_rss_before_kb=" + rssBefore);
    System.out.println("RESULT server_rss_held_kb=" + rssHeld);
    System.out.println("RESULT server_rss_peak_kb=" + peak);
    System.out.println("RESULT server_heap_live_before_kb=" + heapBefore);
    System.out.println("RESULT server_heap_live_held_kb=" + heapHeld);
    System.out.println("RESULT server_rss_held_after_gc_kb=" + rssAfterGc);
    System.out.println("RESULT client_rss_kb=" + rssKb(ProcessHandle.current().pid()));
    System.out.println("RESULT health_status=" + health.statusCode());
    System.out.println("RESULT health_ms=" + String.format(Locale.ROOT, "%.1f", healthMs));
    System.out.println("RESULT health_body=" + health.body().replace('\n', ' '));
    c.firstErrors.forEach((message, index) -> System.out.println("RESULT error=" + message + " (first: connection " + index + ")"));

    synchronized (sockets) { sockets.forEach(WebSocket::abort); }
    callbacks.shutdownNow();
    System.exit(confirmed == o.connections() ? 0 : 1);
  }

  /** Shared counters of the ramp. */
  static final class Counters {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger confirmed = new AtomicInteger();
    final AtomicInteger fullConfirmed = new AtomicInteger();
    final AtomicInteger handshakeFailed = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger unconfirmedShown = new AtomicInteger();
    final Map<String, Integer> firstErrors = new ConcurrentHashMap<>();
  }

  /** One connection: subscribes on open, then counts distinct event seqs above {@code since}. */
  static final class Subscriber implements WebSocket.Listener {
    final int index;
    final String debateId;
    final long since;
    final long expected;
    final Counters counters;
    final Semaphore done = new Semaphore(0);
    private final StringBuilder partial = new StringBuilder();
    volatile boolean subscribed;
    volatile boolean confirmed;
    volatile boolean closed;
    volatile String problem;
    private long maxSeq;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();

    Subscriber(int index, String debateId, long since, long expected, Counters counters) {
      this.index = index;
      this.debateId = debateId;
      this.since = since;
      this.expected = expected;
      this.counters = counters;
    }

    @Override
    public void onOpen(WebSocket socket) {
      socket.sendText("{\"type\":\"subscribe\",\"debate_id\":\"" + debateId + "\",\"since\":" + since + "}", true);
      socket.request(1);
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        handle(text);
      }
      socket.request(1);
      return null;
    }

    private void handle(String text) {
      JsonNode message;
      try {
        message = JSON.readTree(text);
      } catch (IOException e) {
        fail("unparseable message: " + abbreviate(text));
        return;
      }
      String type = message.path("type").asText("");
      if (type.equals("subscribed")) {
        subscribed = true;
      } else if (type.equals("error")) {
        fail("error message: " + abbreviate(text));
        return;
      } else {
        JsonNode seqNode = message.has("seq") ? message.get("seq") : message.path("event").path("seq");
        if (seqNode.isNumber() && seqNode.asLong() > since) {
          seen.add(seqNode.asLong());
          maxSeq = Math.max(maxSeq, seqNode.asLong());
        }
      }
      if (!confirmed && subscribed && seen.size() >= expected) {
        confirmed = true;
        if (counters != null) {
          counters.confirmed.incrementAndGet();
          if (since == 0) counters.fullConfirmed.incrementAndGet();
        }
        done.release();
      }
    }

    private void fail(String why) {
      if (problem != null) return;
      problem = why;
      if (!confirmed) {
        if (counters != null) {
          counters.failed.incrementAndGet();
          counters.firstErrors.putIfAbsent(why, index);
        }
        done.release();
      }
    }

    @Override
    public java.util.concurrent.CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      closed = true;
      fail("closed by server: " + status + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed = true;
      fail("error: " + rootMessage(error));
    }

    String describe() {
      return "connection " + index + " since=" + since + " subscribed=" + subscribed + " events=" + seen.size()
          + "/" + expected + " max_seq=" + maxSeq + (problem == null ? "" : " problem=" + problem);
    }
  }

  private static String createDebate(HttpClient rest, URI base) throws IOException, InterruptedException {
    String body = "{\"task\":\"Should a small team adopt a monorepo?\","
        + "\"agents\":[\"demo:skeptic\",\"demo:optimist\",\"demo:economist\"]}";
    HttpResponse<String> r = rest.send(authorized(HttpRequest.newBuilder(base.resolve("/api/v2/debates")))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) throw new IllegalStateException("POST /api/v2/debates: " + r.statusCode() + " " + r.body());
    return JSON.readTree(r.body()).path("id").asText();
  }

  /** Waits until the debate is finished, then returns the seq of its last stored event. */
  private static long awaitFinishedAndCountEvents(HttpClient rest, URI base, String id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String status = "";
    while (System.nanoTime() < deadline) {
      JsonNode d = JSON.readTree(get(rest, base.resolve("/api/v2/debates/" + id)));
      status = d.path("status").asText();
      if (d.hasNonNull("finished_at")) break;
      Thread.sleep(200);
    }
    log("debate %s: status %s", id, status);
    long since = 0;
    while (true) {
      JsonNode page = JSON.readTree(get(rest, base.resolve("/api/v2/debates/" + id + "/events?limit=1000&since=" + since)));
      long next = page.path("next_since").asLong(since);
      if (next == since) return since;
      since = next;
    }
  }

  private static String get(HttpClient rest, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r = rest.send(authorized(HttpRequest.newBuilder(uri)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException("GET " + uri + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  /**
   * Java heap in use in the server right after a full GC ({@code jcmd PID GC.run}, then the
   * {@code used} figures of {@code GC.heap_info}), in KB; 0 without {@code --jcmd}. Runs the GC.
   */
  static long liveHeapKb(Options o) throws IOException, InterruptedException {
    if (o.jcmd() == null || o.serverPid() <= 0) return 0;
    jcmd(o, "GC.run");
    long used = 0;
    for (String line : jcmd(o, "GC.heap_info").split("\n")) {
      var m = java.util.regex.Pattern.compile("(heap|generation|DefNew|Tenured)\\s+total.*?used (\\d+)K").matcher(line);
      if (m.find()) used += Long.parseLong(m.group(2));
    }
    return used;
  }

  private static String jcmd(Options o, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(o.jcmd(), Long.toString(o.serverPid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("jcmd " + command + " failed: " + out);
    return out;
  }

  /** VmRSS of a process in KB, 0 if unknown. */
  static long rssKb(long pid) {
    if (pid <= 0) return 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  /**
   * The server's shared ARAGORA_API_TOKEN, read from this process's environment (bench/run-server.sh
   * sets it for both); without it the requests carry no credentials and a server with
   * authentication answers 401.
   */
  private static final String API_TOKEN = System.getenv().getOrDefault("ARAGORA_API_TOKEN", "");

  private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return API_TOKEN.isBlank() ? request : request.header("Authorization", "Bearer " + API_TOKEN.strip());
  }

  private static WebSocket.Builder authorized(WebSocket.Builder socket) {
    return API_TOKEN.isBlank() ? socket : socket.header("Authorization", "Bearer " + API_TOKEN.strip());
  }

  private static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "ws-load: " + format + "%n", args);
  }

  static Options parse(String[] args) {
    URI url = URI.create("http://127.0.0.1:8080");
    int connections = 10_000, inFlight = 200, hold = 10, fullReplay = 100, tail = 3, sources = 1, timeout = 120;
    long pid = 0;
    String debate = null, jcmd = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--url" -> url = URI.create(value);
        case "--connections" -> connections = Integer.parseInt(value);
        case "--in-flight" -> inFlight = Integer.parseInt(value);
        case "--hold-seconds" -> hold = Integer.parseInt(value);
        case "--full-replay" -> fullReplay = Integer.parseInt(value);
        case "--tail" -> tail = Integer.parseInt(value);
        case "--source-addresses" -> sources = Integer.parseInt(value);
        case "--timeout-seconds" -> timeout = Integer.parseInt(value);
        case "--server-pid" -> pid = Long.parseLong(value);
        case "--debate-id" -> debate = value;
        case "--jcmd" -> jcmd = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    return new Options(url, connections, inFlight, hold, fullReplay, tail, sources, timeout, pid, debate, jcmd);
  }
}
