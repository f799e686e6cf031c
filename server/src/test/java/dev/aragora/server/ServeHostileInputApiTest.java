package dev.aragora.server;

import static dev.aragora.server.testing.HostileInput.HEADER_VALUES;
import static dev.aragora.server.testing.HostileInput.QUERY_VALUES;
import static dev.aragora.server.testing.HostileInput.SEGMENTS;
import static dev.aragora.server.testing.HostileInput.STRINGS;
import static dev.aragora.server.testing.HostileInput.VALUES;
import static dev.aragora.server.testing.HostileInput.b64;
import static dev.aragora.server.testing.HostileInput.concat;
import static dev.aragora.server.testing.HostileInput.hmacJwt;
import static dev.aragora.server.testing.HostileInput.invalidUtf8;
import static dev.aragora.server.testing.HostileInput.malformedDocument;
import static dev.aragora.server.testing.HostileInput.mutate;
import static dev.aragora.server.testing.HostileInput.nested;
import static dev.aragora.server.testing.HostileInput.quote;
import static dev.aragora.server.testing.HostileInput.rawUtf8;
import static dev.aragora.server.testing.HostileInput.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.receipt.ReceiptKeys;
import dev.aragora.server.security.Access;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.HostileInput;
import dev.aragora.server.testing.RawHttp;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.TestAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Hostile input (issue 6 item 8): thousands of malformed or hostile requests, generated from a
 * fixed seed, against one real server with real data — every route under every prefix and with
 * wrong methods; bad JSON of every kind and wrong types for every field of the debate and auth
 * bodies; bodies at and over the size limits; wrong Content-Types and charsets; odd unicode and
 * invalid UTF-8; path, query and header tricks; forged, expired, alg-none, wrong-algorithm,
 * tampered and revoked credentials; other users' ids; hostile WebSocket messages and SSE
 * Last-Event-IDs; the same refresh token, key revocation and user creation raced. Every answer
 * must be below 500 (the test sets no limit that answers 503), every error must be the JSON error
 * shape, no body may hold a stack trace or a secret, refused credentials and other users' ids are
 * never let through, the server log holds no secret and no error, and afterwards the server is
 * ready and every debate it stored still reads on every route.
 *
 * <p>The seed is printed; rerun one with {@code -Daragora.fuzz.seed=N} (and the counts with
 * {@code -Daragora.fuzz.requests=N} and {@code -Daragora.fuzz.postgres-requests=N}). Every problem
 * found is written to {@code target/hostile-input-<database>.txt}.
 */
class ServeHostileInputApiTest {
  private static final long DEFAULT_SEED = 0x5EED_F022L;
  private static final int DEFAULT_REQUESTS = 5_200;
  /** The PostgreSQL run repeats a part of the corpus: some answers depend on the database (NUL in text). */
  private static final int POSTGRES_REQUESTS = 1_500;
  private static final int CONCURRENCY = 16;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** What a Java stack trace or an internal class name in an answer looks like. */
  private static final List<String> STACK_TRACE = List.of("Exception", "java.lang.", "at dev.aragora", "\tat ",
      "Caused by:", "org.eclipse.jetty.", "io.javalin.", "com.fasterxml.", "jakarta.servlet");
  private static final List<String> PREFIXES = List.of("/api/v2", "/api/v1", "/api");
  private static final List<String> WRONG_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
      "TRACE", "FOO");
  private static final String TEAM = "[\"demo:skeptic\",\"demo:optimist\"]";
  private static final String BASE_DEBATE = "{\"task\":\"Fuzz?\",\"agents\":" + TEAM + ",\"rounds\":1}";
  private static final int MAX_BODY = 1024 * 1024;
  private static final int MAX_AUTH_BODY = 16 * 1024;

  @TempDir
  Path dataDir;
  private final LogCapture log = new LogCapture();

  @BeforeEach
  void captureLog() {
    log.start();
  }

  @AfterEach
  void releaseLog() {
    log.stop();
  }

  @Test
  void fiveThousandHostileRequestsOnSqliteGetNoServerErrorNoStackTraceAndNoSecret() throws Exception {
    long seed = Long.getLong("aragora.fuzz.seed", DEFAULT_SEED);
    int count = Integer.getInteger("aragora.fuzz.requests", DEFAULT_REQUESTS);
    try (Target target = Target.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString()), dataDir)) {
      Outcome http = runHttp(target, seed, count, "sqlite");
      Outcome ws = runWebSockets(target, new Random(seed ^ 0x57L));
      List<String> after = afterwards(target);
      report("sqlite", seed, http, ws, after, target);
    }
  }

  @Test
  void hostileRequestsOnPostgresGetNoServerErrorNoStackTraceAndNoSecret() throws Exception {
    long seed = Long.getLong("aragora.fuzz.seed", DEFAULT_SEED) + 1;
    try (TempPostgres postgres = TempPostgres.create();
         Target target = Target.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "DATABASE_URL", postgres.url()),
             dataDir)) {
      Outcome http = runHttp(target, seed, Integer.getInteger("aragora.fuzz.postgres-requests", POSTGRES_REQUESTS),
          "postgres");
      Outcome ws = runWebSockets(target, new Random(seed ^ 0x57L));
      List<String> after = afterwards(target);
      report("postgres", seed, http, ws, after, target);
    }
  }

  // ---- running and checking -----------------------------------------------------------------

  /** What a run saw: answers by status, failures, how many were sent and how long it took. */
  private record Outcome(Map<Integer, Integer> statuses, List<String> failures, int sent, Duration took,
                         Map<String, Integer> kinds) {}

  private Outcome runHttp(Target target, long seed, int count, String name) throws Exception {
    List<Probe> probes = new Generator(new Random(seed), target).all(count);
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    Map<String, Integer> kinds = new ConcurrentHashMap<>();
    Map<String, Long> millis = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    long start = System.nanoTime();
    Semaphore permits = new Semaphore(CONCURRENCY);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Probe probe : probes) {
        permits.acquire();
        pool.submit(() -> {
          try {
            long began = System.nanoTime();
            RawHttp.Response response = RawHttp.exchange(target.port, probe.head(target.port), probe.body(),
                probe.chunked(), TIMEOUT);
            millis.merge(probe.kind().replaceFirst(":.*", ""), (System.nanoTime() - began) / 1_000_000, Long::sum);
            sent.incrementAndGet();
            statuses.merge(response.status(), 1, Integer::sum);
            kinds.merge(probe.kind(), 1, Integer::sum);
            List<String> problems = check(probe, response, target.secrets);
            if (!problems.isEmpty()) failures.add(problems + " ← " + probe.describe() + " → " + excerpt(response));
          } catch (RuntimeException | Error e) {
            failures.add("the probe itself failed: " + e + " ← " + probe.describe());
          } finally {
            permits.release();
          }
        });
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("hostile input (%s): seed %d, %d requests in %.1f s; waiting time by kind (ms) %s%n", name, seed,
        sent.get(), took.toMillis() / 1000.0, new TreeMap<>(millis));
    return new Outcome(new TreeMap<>(statuses), failures, sent.get(), took, new TreeMap<>(kinds));
  }

  /** Everything wrong with {@code response} to {@code probe}; empty when it is fine. */
  static List<String> check(Probe probe, RawHttp.Response response, Map<String, String> secrets) {
    List<String> problems = new ArrayList<>();
    int status = response.status();
    if (status < 0) {
      problems.add("no answer (" + response.failure() + ")");
      return problems;
    }
    if (status >= 500) problems.add("status " + status);
    if (probe.expect() == Expect.REFUSED && status < 400) problems.add("let through with status " + status);
    String body = response.bodyText();
    String type = response.header("Content-Type");
    boolean json = type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    boolean head = probe.method().equals("HEAD");
    // Every error, whatever the path, is the JSON error shape (Jetty's own refusals included).
    if (status >= 400 && !head) {
      if (body.isBlank()) problems.add("an error without a body");
      else if (!isJsonError(body)) problems.add("not the JSON error shape");
    }
    if (status >= 400 || json) {
      for (String pattern : STACK_TRACE) if (body.contains(pattern)) problems.add("body holds '" + pattern + "'");
    }
    String everything = response.headText() + body;
    secrets.forEach((name, secret) -> {
      if (everything.contains(secret)) problems.add(name + " in the answer");
    });
    for (String text : probe.mustNotContain()) if (body.contains(text)) problems.add("shows '" + text + "'");
    return problems;
  }

  private static boolean isJsonError(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.path("error").path("code").isTextual() && node.path("error").path("message").isTextual()
          && !node.path("error").path("code").asText().isBlank();
    } catch (Exception e) {
      return false;
    }
  }

  private static String excerpt(RawHttp.Response response) {
    if (response.status() < 0) return response.failure();
    return response.status() + " " + printable(response.bodyText(), 300);
  }

  static String printable(String text, int max) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f) out.append(c);
      else out.append(String.format("\\u%04x", (int) c));
    }
    if (out.length() >= max) out.append("…(").append(text.length()).append(" chars)");
    return out.toString();
  }

  /**
   * After the storm: the server is ready, every stored debate still reads on every route, and the
   * credentials the probes did not mean to end still work (member2's key was only ever attacked).
   */
  private List<String> afterwards(Target target) throws Exception {
    List<String> problems = new ArrayList<>();
    ApiClient internal = new ApiClient(target.port);
    if (ApiClient.anonymous(target.port).get("/readyz").status() != 200) problems.add("/readyz is not 200 afterwards");
    List<String> ids = new ArrayList<>();
    for (int offset = 0; ; offset += 100) {
      ApiClient.Reply page = internal.get("/api/v2/debates?limit=100&offset=" + offset);
      if (page.status() != 200) {
        problems.add("listing debates afterwards: " + page.status() + " " + page.raw().body());
        break;
      }
      page.body().get("debates").forEach(d -> ids.add(d.get("id").asText()));
      if (page.body().get("debates").size() < 100) break;
    }
    Semaphore permits = new Semaphore(CONCURRENCY);
    List<String> failures = new CopyOnWriteArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String id : ids) {
        for (String suffix : List.of("", "/messages", "/events", "/export/json", "/export/md", "/receipt", "/receipt/md")) {
          permits.acquire();
          pool.submit(() -> {
            try {
              var raw = internal.raw("/api/v2/debates/" + id + suffix);
              if (raw.statusCode() >= 500) failures.add("GET /api/v2/debates/" + id + suffix + " → " + raw.statusCode()
                  + " " + printable(raw.body(), 200));
            } catch (AssertionError e) {
              failures.add("GET /api/v2/debates/" + id + suffix + " failed: " + e.getCause());
            } finally {
              permits.release();
            }
          });
        }
      }
    }
    problems.addAll(failures);
    System.out.printf("afterwards: %d stored debates read on 7 routes each%n", ids.size());
    if (ApiClient.withToken(target.port, target.member2Key).get("/api/v2/auth/me").status() != 200)
      problems.add("member2's API key stopped working: another user's request revoked it");
    if (ApiClient.withToken(target.port, target.memberJwt).get("/api/v2/auth/me").status() != 200)
      problems.add("the member's access token stopped working");
    return problems;
  }

  private void report(String name, long seed, Outcome http, Outcome ws, List<String> after, Target target) {
    System.out.printf("hostile input (%s): statuses %s%n  by kind %s%n  websocket: %d messages and handshakes in %.1f s,"
            + " outcomes %s%n", name, http.statuses(), http.kinds(), ws.sent(), ws.took().toMillis() / 1000.0,
        ws.statuses());
    List<String> logProblems = log.problems(target.secrets);
    List<String> all = new ArrayList<>();
    http.failures().stream().sorted().forEach(f -> all.add("HTTP " + f));
    ws.failures().stream().sorted().forEach(f -> all.add("WS " + f));
    after.forEach(f -> all.add("AFTER " + f));
    logProblems.forEach(f -> all.add("LOG " + f));
    writeProblems(name, seed, all);
    assertThat(http.sent()).isGreaterThanOrEqualTo(name.equals("sqlite") ? 5_000 : 1_000);
    assertThat(all).as("seed %d (%s): %d problems, the first:%n%s", seed, name, all.size(),
        String.join("\n", all.subList(0, Math.min(60, all.size())))).isEmpty();
  }

  /** Every problem, in full, to target/hostile-input-NAME.txt (the assertion shows the first ones). */
  private static void writeProblems(String name, long seed, List<String> problems) {
    try {
      Path file = Path.of("target", "hostile-input-" + name + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "seed " + seed + "\n" + String.join("\n", problems) + "\n");
    } catch (java.io.IOException e) {
      System.out.println("cannot write the problems: " + e);
    }
  }

  // ---- probes ---------------------------------------------------------------------------------

  enum Expect {
    /** Any answer below 500. */
    ANY,
    /** The request must not succeed: an invalid credential on a protected route, another user's id. */
    REFUSED
  }

  /**
   * One request. {@code target} and the header values are ISO-8859-1 text sent as is;
   * {@code rawHead}, when set, replaces the whole head ({@code {host}} is the server's address).
   */
  record Probe(String kind, String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
               boolean chunked, Expect expect, List<String> mustNotContain, String rawHead) {
    Probe {
      headers = List.copyOf(headers);
      mustNotContain = List.copyOf(mustNotContain);
    }

    String head(int port) {
      if (rawHead != null) return rawHead.replace("{host}", "127.0.0.1:" + port);
      StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      if (!has("Host")) head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      for (Map.Entry<String, String> h : headers) head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      if (body != null && !has("Content-Length") && !has("Transfer-Encoding")) {
        if (chunked) head.append("Transfer-Encoding: chunked\r\n");
        else head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      return head.append("Connection: close\r\n\r\n").toString();
    }

    private boolean has(String name) {
      return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }

    String describe() {
      StringBuilder text = new StringBuilder(kind).append(": ");
      if (rawHead != null) text.append("raw ").append(printable(rawHead, 300));
      else text.append(method).append(' ').append(printable(target, 300));
      for (Map.Entry<String, String> h : headers)
        text.append(" [").append(h.getKey()).append(": ").append(printable(h.getValue(), 120)).append(']');
      if (body != null) {
        text.append(" body(").append(body.length).append(chunked ? " chunked" : "").append(")=")
            .append(printable(new String(body, 0, Math.min(body.length, 300), StandardCharsets.ISO_8859_1), 300));
      }
      return text.toString();
    }
  }

  /** A route of the server and what it requires. */
  record Route(String method, String template, Access access) {
    boolean isProtected() {
      return access.kind() != Access.Kind.PUBLIC;
    }
  }

  /** A credential: an Authorization header value (or null), and whether it is valid. */
  record Credential(String label, String authorization, boolean valid) {}

  /** Builds the corpus of requests from one {@link Random}. */
  static final class Generator {
    private final Random random;
    private final Target t;
    private final List<Route> routes;

    Generator(Random random, Target target) {
      this.random = random;
      this.t = target;
      this.routes = target.routes;
    }

    List<Probe> all(int count) {
      List<Probe> probes = new ArrayList<>();
      matrix(probes);
      races(probes);
      while (probes.size() < count) probes.add(next());
      return probes;
    }

    /** Every route with every method (valid credentials), and every protected one with no and a bad credential. */
    private void matrix(List<Probe> probes) {
      for (Route route : routes) {
        String path = fill(route.template(), false);
        for (String method : WRONG_METHODS) {
          probes.add(probe("matrix", method, path, headers(t.apiToken()), method.equals("POST") ? utf8("{}") : null,
              Expect.ANY));
        }
        if (route.isProtected()) {
          probes.add(probe("matrix-anonymous", route.method(), path, headers(null), body(route), Expect.REFUSED));
          probes.add(probe("matrix-bad-credential", route.method(), path, headers(badCredential()), body(route),
              Expect.REFUSED));
        }
      }
    }

    /**
     * The same request several times side by side (they run concurrently): one refresh token
     * rotated at once by many (one wins, the rest count as reuse), one API key revoked by many, one
     * user created by many.
     */
    private void races(List<Probe> probes) {
      for (String refresh : t.freshRefresh) {
        for (int i = 0; i < 8; i++) {
          probes.add(probe("race", "POST", "/api/v2/auth/refresh", headers(null, json()),
              utf8("{\"refresh_token\":" + quote(refresh) + "}"), Expect.ANY));
        }
      }
      for (int i = 0; i < 8; i++)
        probes.add(probe("race", "DELETE", "/api/v2/auth/api-keys/" + t.burnableKeyIds.get(1), headers(t.memberJwt()),
            null, Expect.ANY));
      for (int i = 0; i < 6; i++) {
        probes.add(probe("race", "POST", "/api/v2/auth/users", headers(t.apiToken(), json()),
            utf8("{\"email\":\"raced@example.com\",\"password\":\"raced-password\"}"), Expect.ANY));
      }
    }

    private byte[] body(Route route) {
      return route.method().equals("POST") ? utf8("{}") : null;
    }

    private Probe next() {
      int roll = random.nextInt(100);
      if (roll < 16) return debateBody();
      if (roll < 24) return authBody();
      if (roll < 30) return receiptBody();
      if (roll < 44) return pathTrick();
      if (roll < 48) return wholePath();
      if (roll < 58) return queryTrick();
      if (roll < 68) return headerTrick();
      if (roll < 78) return badCredentialProbe();
      if (roll < 81) return otherUsers();
      if (roll < 83) return bodySize();
      if (roll < 88) return encoding();
      if (roll < 92) return rawProtocol();
      if (roll < 98) return serverSentEvents();
      return wrongMethod();
    }

    // -- the debate body: every field of DebateInput with wrong types and odd values --

    private static final List<String> FIELDS = List.of("task", "question", "agents", "rounds", "consensus", "topology",
        "metadata", "memory", "auto_select", "team_size");

    private Probe debateBody() {
      byte[] body = switch (random.nextInt(6)) {
        case 0 -> malformedDocument(random, BASE_DEBATE);
        case 1 -> utf8(mutate(random, BASE_DEBATE));
        default -> utf8(debateWith(random.nextInt(3) == 0 ? 2 : 1));
      };
      return probe("debate-body", "POST", prefix() + "/debates", headers(creator(), json()), body, Expect.ANY);
    }

    /** The base debate with {@code fields} of its fields set to odd or wrong values. */
    private String debateWith(int fields) {
      Map<String, String> doc = new LinkedHashMap<>();
      doc.put("task", "\"Fuzz?\"");
      doc.put("agents", TEAM);
      doc.put("rounds", "1");
      for (int i = 0; i < fields; i++) {
        String field = HostileInput.pick(random, FIELDS);
        if (field.equals("question") && random.nextBoolean()) doc.remove("task");
        if (field.equals("team_size") || (field.equals("auto_select") && random.nextBoolean())) {
          doc.put("auto_select", "true");
          if (random.nextInt(4) != 0) doc.remove("agents");
        }
        doc.put(field, fieldValue(field));
      }
      StringBuilder text = new StringBuilder("{");
      doc.forEach((k, v) -> text.append(text.length() > 1 ? "," : "").append(quote(k)).append(':').append(v));
      return text.append('}').toString();
    }

    private String fieldValue(String field) {
      if (random.nextInt(3) == 0) return HostileInput.value(random);
      return switch (field) {
        case "task", "question" -> HostileInput.pick(random, List.of(quote(HostileInput.pick(random, STRINGS)),
            quote("x".repeat(10_001)), quote("x".repeat(10_000)), quote(" ".repeat(50)), "\"\\ud800 why?\"",
            quote("Why\u0000 not?"), quote("\u202Eright to left\u202C?")));
        case "agents" -> HostileInput.pick(random, List.of(
            "[" + quote("demo:" + HostileInput.pick(random, STRINGS)) + ",\"demo:optimist\"]",
            "\"demo,,,demo\"", "\"demo:skeptic, demo:optimist\"", "[\"unknown:x\",\"demo\"]", "[\"openai-api\",\"demo\"]",
            "[" + "\"demo\",".repeat(10) + "\"demo\"]", "[\"demo:\",\"demo\"]", "[\":x\",\"demo\"]",
            "[\"DEMO:Skeptic\",\"demo:skeptic\"]", "[\"demo:skeptic\",\"demo:skeptic\"]", "[\"demo#2\",\"demo\"]",
            "[\" demo \",\"demo\"]", "[\"demo:" + "m".repeat(5_000) + "\",\"demo\"]", "[\"ollama\",\"demo\"]",
            "[\"demo\"]", "[\"demo\",null]", "[\"demo\",[\"demo\"]]", "[\"demo\",{\"type\":\"demo\"}]", "\"\"", "\",\""));
        case "rounds" -> HostileInput.pick(random, VALUES);
        case "consensus" -> HostileInput.pick(random, List.of("\"judge\"", "\"JUDGE\"", "\" none \"", "\"unanimous\"",
            quote(HostileInput.pick(random, STRINGS)), "\"majority\\u0000\""));
        case "topology" -> HostileInput.pick(random, List.of("\"round_robin\"", "\"ROUND-ROBIN\"", "\"star\"",
            quote(HostileInput.pick(random, STRINGS)), "\"ring \\ud800\""));
        case "metadata" -> HostileInput.pick(random, List.of(
            "{\"domain\":" + quote(HostileInput.pick(random, STRINGS)) + "}", "{\"domain\":5}", "{\"domain\":null}",
            "{\"domain\":\"security\"}", "{\"\":1}", "{\"\\u0000\":\"\\u0000\"}",
            "{\"deep\":" + nested(990 + random.nextInt(10), random.nextBoolean(), "1") + "}",
            "{\"deep\":" + nested(2_000, false, "") + "}", "{\"big\":" + quote("z".repeat(100_000)) + "}",
            "{\"n\":1e309}", "{\"n\":" + "9".repeat(900) + "}", "{\"d\":-0.0,\"e\":1E-400}",
            "{\"arr\":[" + "1,".repeat(5_000) + "1]}", "{\"s\":\"\\ud800\\udfff\\udbff\"}",
            "{\"domain\":\"" + "a".repeat(33) + "\"}", "{\"domain\":[\"security\"]}"));
        case "memory", "auto_select" -> HostileInput.pick(random, List.of("\"yes\"", "1", "0", "\"false\"", "[]", "{}"));
        case "team_size" -> HostileInput.pick(random, List.of("1", "2", "3", "10", "11", "100", "-3", "2.5", "\"3\"",
            "2147483648", "1e2"));
        default -> HostileInput.value(random);
      };
    }

    // -- auth bodies --

    private Probe authBody() {
      String prefix = prefix();
      int which = random.nextInt(100);
      if (which < 15) return auth(prefix + "/auth/login", null, loginBody());
      if (which < 35) return auth(prefix + "/auth/refresh", null, refreshBody());
      if (which < 45) return auth(prefix + "/auth/users", t.adminJwt(), usersBody());
      if (which < 70) return auth(prefix + "/auth/api-keys", HostileInput.pick(random, List.of(t.memberJwt(),
          t.memberKeyCredential(), t.adminJwt())), keysBody());
      return auth(prefix + "/auth/revoke", t.apiToken(), revokeBody());
    }

    private Probe auth(String path, Credential credential, byte[] body) {
      return probe("auth-body", "POST", path, headers(credential, json()), body, Expect.ANY);
    }

    private byte[] loginBody() {
      return switch (random.nextInt(5)) {
        case 0 -> malformedDocument(random, "{\"email\":\"admin@localhost\",\"password\":\"wrong-password\"}");
        case 1 -> utf8("{\"email\":" + HostileInput.value(random) + ",\"password\":" + HostileInput.value(random) + "}");
        case 2 -> utf8("{\"email\":" + quote(HostileInput.pick(random, STRINGS)) + ",\"password\":\"wrong-password\"}");
        case 3 -> utf8("{\"email\":\"admin@localhost\",\"password\":" + HostileInput.value(random) + "}");
        default -> utf8(mutate(random, "{\"email\":\"admin@localhost\",\"password\":\"wrong-password\"}"));
      };
    }

    private byte[] refreshBody() {
      return switch (random.nextInt(5)) {
        case 0 -> malformedDocument(random, "{\"refresh_token\":\"rt_x\"}");
        case 1 -> utf8("{\"refresh_token\":" + HostileInput.value(random) + "}");
        case 2 -> utf8("{\"refresh_token\":" + quote("rt_" + HostileInput.pick(random, STRINGS)) + "}");
        case 3 -> utf8("{\"refresh_token\":" + quote(t.usedRefresh) + "}");
        default -> utf8("{\"refresh_token\":" + quote(mutate(random, t.usedRefresh)) + "}");
      };
    }

    private byte[] usersBody() {
      return switch (random.nextInt(4)) {
        case 0 -> malformedDocument(random, "{\"email\":\"x@example.com\",\"password\":\"long-enough-password\"}");
        case 1 -> utf8("{\"email\":" + HostileInput.value(random) + ",\"password\":" + HostileInput.value(random)
            + ",\"role\":" + HostileInput.value(random) + ",\"premium\":" + HostileInput.value(random) + "}");
        case 2 -> utf8("{\"email\":" + quote("u" + random.nextInt(1_000_000) + HostileInput.pick(random, STRINGS)
            + "@example.com") + ",\"password\":\"short\",\"role\":" + HostileInput.value(random) + "}");
        default -> utf8("{\"email\":\"x@example.com\",\"password\":\"long-enough-password\",\"premium\":"
            + HostileInput.value(random) + ",\"role\":" + quote(HostileInput.pick(random, STRINGS)) + "}");
      };
    }

    private byte[] keysBody() {
      return switch (random.nextInt(4)) {
        case 0 -> malformedDocument(random, "{\"name\":\"ci\"}");
        case 1 -> utf8("{\"name\":" + HostileInput.value(random) + "}");
        case 2 -> utf8("{\"name\":\"k\",\"role\":" + HostileInput.value(random) + "}");
        default -> utf8("{\"name\":\"k\",\"expires_in_days\":" + HostileInput.pick(random, List.of("-1", "0", "1", "3650",
            "3651", "1e10", "\"30\"", "2.5", "true", "2147483648", "-2147483649", "[]", "9223372036854775808",
            "1" + "0".repeat(400), "0.0001")) + "}");
      };
    }

    private byte[] revokeBody() {
      // Only made-up users and keys: the run must not end the credentials it uses.
      String value = random.nextBoolean() ? HostileInput.value(random) : quote("ghost" + HostileInput.pick(random, STRINGS));
      return switch (random.nextInt(5)) {
        case 0 -> malformedDocument(random, "{\"email\":\"ghost@example.com\"}");
        case 1 -> utf8("{\"user_id\":" + value + "}");
        case 2 -> utf8("{\"email\":" + value + "}");
        case 3 -> utf8("{\"key_id\":" + value + "}");
        default -> utf8("{\"user_id\":" + value + ",\"key_id\":" + value + "}");
      };
    }

    // -- receipts --

    private Probe receiptBody() {
      String receipt = t.receiptJson;
      byte[] body = switch (random.nextInt(6)) {
        case 0 -> malformedDocument(random, receipt);
        case 1 -> utf8(mutate(random, receipt));
        case 2, 3 -> utf8(receiptWithField());
        case 4 -> concat(utf8(receipt.substring(0, receipt.length() / 2)), invalidUtf8(random),
            utf8(receipt.substring(receipt.length() / 2)));
        default -> utf8(receipt.replace("\"signature\"", "\"signature\":" + HostileInput.value(random) + ",\"x\""));
      };
      return probe("receipt-body", "POST", prefix() + "/receipts/verify", headers(reader(), json()), body, Expect.ANY);
    }

    private String receiptWithField() {
      try {
        ObjectNode receipt = (ObjectNode) JSON.readTree(t.receiptJson);
        List<ObjectNode> objects = new ArrayList<>(List.of(receipt));
        receipt.properties().forEach(e -> {
          if (e.getValue().isObject()) objects.add((ObjectNode) e.getValue());
        });
        ObjectNode where = HostileInput.pick(random, objects);
        List<String> names = new ArrayList<>();
        where.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) return t.receiptJson;
        String name = HostileInput.pick(random, names);
        String marker = "\"@@HOSTILE@@\"";
        where.put(name, "@@HOSTILE@@");
        return JSON.writeValueAsString(receipt).replace(marker, HostileInput.value(random));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    // -- paths --

    private Probe pathTrick() {
      Route route = HostileInput.pick(random, routes.stream().filter(r -> r.template().contains("{")).toList());
      String path = fill(route.template(), true);
      String method = random.nextInt(5) == 0 ? HostileInput.pick(random, WRONG_METHODS) : route.method();
      return probe("path", method, path, headers(validCredential(), json()),
          method.equals("POST") ? utf8(HostileInput.pick(random, List.of("{}", BASE_DEBATE))) : null, Expect.ANY);
    }

    /** Paths that try to reach a protected route around the access check. */
    private static final List<String> AROUND_THE_GUARD = List.of(
        "/api/v2/debates/../auth/users", "/api/v2/debates/%2e%2e/auth/users", "/api/v2/debates/..%2fauth%2fusers",
        "/api/v2/./auth/users", "/api/v2//auth/users", "/api/v2/auth/users/", "/api/v2/auth/users;.css",
        "/api/v2/auth/users.json", "/api/v2/auth/users%2f", "/API/V2/AUTH/USERS", "/api/v2/auth/Users",
        "/api/v2/auth/users%00", "/api/v2/auth/users?x=/healthz", "/healthz/../api/v2/auth/users",
        "/api/health/../v2/auth/users", "/metrics/..;/api/v2/auth/users", "/api/v2/health/..%2f..%2fauth%2fusers",
        "/%2e/api/v2/auth/users", "//api/v2/auth/users", "/api/v2/auth/%75sers", "/api/v2/%61uth/users",
        "/%61pi/v2/auth/users", "/api/v2/auth/users%20", "/api/v2/auth/users%09", "/api/v2/auth/users;",
        "/api/v2/auth/users;x=1", "/api/v2/auth/users/.", "/api/v2/auth/users/..;/users", "/api/v2/auth/./users",
        "/api/v2/auth/users%3F", "/api/v2/auth/users%23", "/api/v2/auth/users#x", "/api/v2/auth/us%65rs");
    private static final List<String> ODD_PATHS = List.of(
        "/api/v2/./debates", "//api/v2/debates", "/api/v2//debates", "/API/V2/DEBATES", "/api/v2/debates/",
        "/api/v3/debates", "/api/v0/debates", "/api/v99999999999999999999/debates", "/api/v2", "/api", "/api/",
        "/api/v2/", "/%61pi/v2/debates", "/api%2Fv2%2Fdebates", "/api/v2/%64ebates", "/webjars/../../../../etc/passwd",
        "/webjars/%2e%2e/%2e%2e/etc/passwd", "/webjars/swagger-ui/", "/webjars/swagger-ui/%2e%2e/%2e%2e/%2e%2e/",
        "/static/..%2f..%2f", "/ws", "/ws/", "/ws/..", "/ws/../api/v2/auth/users", "/..", "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd", "/docs/..", "/readyz/..", "*", "http://127.0.0.1/api/v2/debates",
        "http://evil.example/api/v2/debates", "/" + "a/".repeat(2_000), "/index.html", "/favicon.ico",
        "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/.env", "/.git/config", "/api/v2/debates/" + "%2e%2e/".repeat(20),
        "/api/v2/agents/leaderboard/", "/api/v2/agents/demo:skeptic/head-to-head/", "/api/v2/debates?",
        "/api/v2/debates??", "/api/v2/debates#", "/api/v2/openapi.yaml/..", "/docs/%2e%2e/%2e%2e/",
        "/api/v2/debates/deb_x/events/../../../auth/users");

    private Probe wholePath() {
      boolean around = random.nextBoolean();
      String path = HostileInput.pick(random, around ? AROUND_THE_GUARD : ODD_PATHS);
      String method = HostileInput.pick(random, List.of("GET", "GET", "POST", "DELETE", "HEAD"));
      Credential credential = around ? HostileInput.pick(random, List.of(t.viewerJwt(), t.memberJwt(), anonymous(),
          badCredential())) : HostileInput.pick(random, List.of(t.apiToken(), t.viewerJwt(), anonymous()));
      // Whatever a trick resolves to, a viewer, a member, no or a bad credential never lists the users
      // (a HEAD is answered as the GET it stands for, so it is refused the same way).
      Expect expect = around ? Expect.REFUSED : Expect.ANY;
      byte[] body = method.equals("POST") ? utf8("{\"email\":\"x@example.com\",\"password\":\"long-enough-password\"}")
          : null;
      return new Probe(around ? "path-around-guard" : "path-odd", method, path, headers(credential), body, false, expect,
          around ? List.of("admin@localhost", "viewer@example.com") : List.of(), null);
    }

    // -- queries --

    private Probe queryTrick() {
      String prefix = prefix();
      String id = t.debateIds.get(random.nextInt(t.debateIds.size()));
      record Q(String path, List<String> params) {}
      Q q = HostileInput.pick(random, List.of(
          new Q(prefix + "/debates", List.of("limit", "offset", "status")),
          new Q(prefix + "/debates/" + id + "/events", List.of("since", "limit", "access_token")),
          new Q(prefix + "/debates/" + id + "/messages", List.of("since", "limit")),
          new Q(prefix + "/debates/" + id + "/receipt", List.of("format")),
          new Q(prefix + "/agents/leaderboard", List.of("limit", "domain")),
          new Q(prefix + "/agents/demo:skeptic", List.of("limit")),
          new Q(prefix + "/agents/demo:skeptic/head-to-head/demo:optimist", List.of("limit")),
          new Q(prefix + "/consensus/similar", List.of("q", "limit", "min_similarity")),
          new Q(prefix + "/auth/api-keys", List.of("user_id", "tenant_id"))));
      StringBuilder query = new StringBuilder();
      switch (random.nextInt(8)) {
        case 0 -> query.append(HostileInput.pick(random, List.of("limit", "=1", "&&&", "limit[]=1", "a=b=c",
            "limit=1;offset=2", "%", "limit=%", "==", "?", "q", "q=", "since")));
        case 1 -> {
          String name = HostileInput.pick(random, q.params());
          query.append(name).append('=').append(HostileInput.pick(random, QUERY_VALUES)).append('&').append(name)
              .append('=').append(HostileInput.pick(random, QUERY_VALUES));
        }
        case 2 -> {
          for (int i = 0; i < 500; i++) query.append(i == 0 ? "" : "&").append("p").append(i).append("=1");
        }
        default -> {
          int n = 1 + random.nextInt(3);
          for (int i = 0; i < n; i++) {
            query.append(i == 0 ? "" : "&").append(HostileInput.pick(random, q.params())).append('=')
                .append(HostileInput.pick(random, QUERY_VALUES));
          }
        }
      }
      return probe("query", "GET", q.path() + "?" + query, headers(reader()), null, Expect.ANY);
    }

    // -- headers --

    private Probe headerTrick() {
      Route route = HostileInput.pick(random, routes);
      String path = fill(route.template(), false);
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      Credential credential = keepSession(route, validCredential());
      boolean authorizationDone = false;
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        String value = HostileInput.pick(random, HEADER_VALUES);
        switch (random.nextInt(18)) {
          case 0 -> headers.add(Map.entry("Content-Type", HostileInput.pick(random, List.of("", "text/plain",
              "application/json; charset=utf-16", "application/json; charset=nope", "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=----x", "multipart/form-data", "application/json;;;", "*/*",
              "\u00ff\u00fe", "application/json; charset=\"" + "x".repeat(2_000) + "\"", "application/xml"))));
          case 1 -> headers.add(Map.entry("Accept", HostileInput.pick(random, List.of("text/event-stream", "*/*",
              "application/xml", "text/event-stream;q=0", value))));
          case 2 -> headers.add(Map.entry("Last-Event-ID", value));
          case 3 -> headers.add(Map.entry("X-API-Version", value));
          case 4 -> headers.add(Map.entry("X-Forwarded-For", value));
          case 5 -> headers.add(Map.entry("X-Tenant-ID", value));
          case 6 -> headers.add(Map.entry("Origin", value));
          case 7 -> headers.add(Map.entry("Cookie", "session=" + value + "; a=b; ;;="));
          case 8 -> headers.add(Map.entry("Range", HostileInput.pick(random, List.of("bytes=0-0", "bytes=-1",
              "bytes=99999999999999999999-", "lines=1-2", value))));
          case 9 -> headers.add(Map.entry("Accept-Encoding", HostileInput.pick(random, List.of("gzip", "br;q=2",
              "identity;q=0", "*;q=0", value))));
          case 10 -> {
            if (!authorizationDone) {
              // Two Authorization headers: a valid and a garbage one, in either order.
              authorizationDone = true;
              credential = null;
              List<String> both = new ArrayList<>(List.of(t.apiToken().authorization(), "Bearer " + value));
              Collections.shuffle(both, random);
              both.forEach(v -> headers.add(Map.entry("Authorization", v)));
            }
          }
          case 11 -> {
            for (int j = 0; j < 150; j++) headers.add(Map.entry("X-Junk-" + j, "v" + j));
          }
          case 12 -> headers.add(Map.entry("User-Agent", "x".repeat(6_000)));
          case 13 -> headers.add(Map.entry("Host", HostileInput.pick(random, List.of("evil.example", "127.0.0.1:99999",
              "[::1", "", "\u00ff", "a b", "localhost:0"))));
          case 14 -> headers.add(Map.entry("Forwarded", "for=" + value + ";proto=gopher"));
          case 15 -> headers.add(Map.entry("X-HTTP-Method-Override", HostileInput.pick(random, List.of("DELETE", "PUT",
              value))));
          case 16 -> headers.add(Map.entry("If-None-Match", value));
          default -> headers.add(Map.entry("X-Request-ID", value));
        }
      }
      if (credential != null && credential.authorization() != null)
        headers.add(Map.entry("Authorization", credential.authorization()));
      byte[] body = route.method().equals("POST") ? utf8(route.template().endsWith("/debates") ? BASE_DEBATE : "{}") : null;
      return probe("header", route.method(), path, headers, body, Expect.ANY);
    }

    // -- credentials --

    private Probe badCredentialProbe() {
      Route route = HostileInput.pick(random, routes.stream().filter(Route::isProtected).toList());
      String path = fill(route.template(), false);
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      Credential bad = badCredential();
      if (route.access().tokenInQuery() && random.nextBoolean()) {
        path = path + "?access_token=" + urlEncode(bad.authorization() == null ? "" : bearerValue(bad));
      } else if (!route.access().tokenInQuery() && random.nextInt(10) == 0) {
        // Even a valid token counts for nothing in the query of a route that does not take one there.
        path = path + "?access_token=" + urlEncode(bearerValue(t.apiToken()));
      } else if (bad.authorization() != null) {
        headers.add(Map.entry("Authorization", bad.authorization()));
      }
      if (route.access().tokenInQuery() && random.nextBoolean()) headers.add(Map.entry("Accept", "text/event-stream"));
      return probe("credential:" + bad.label(), route.method(), path, headers, body(route), Expect.REFUSED);
    }

    private static String bearerValue(Credential credential) {
      String header = credential.authorization();
      return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : header;
    }

    /** An invalid credential: none of these may open a protected route. */
    Credential badCredential() {
      String label;
      String header;
      switch (random.nextInt(22)) {
        case 0 -> { label = "garbage"; header = "Bearer " + HostileInput.pick(random, List.of("x", "null", "undefined",
            "a.b.c", "..", "eyJ", "ey.ey.ey", "Bearer", "\u00ff\u00fe", "' OR 1=1--", "x".repeat(7_000))); }
        case 1 -> { label = "scheme"; header = HostileInput.pick(random, List.of("Basic YWRtaW46YWRtaW4=", "Bearer",
            "Bearer ", "bearer", "Token " + TestAuth.API_TOKEN.substring(1), "Digest x", "Bearer  ", "\u00ff")); }
        case 2 -> { label = "api-token-variant"; header = "Bearer " + HostileInput.pick(random, List.of(
            TestAuth.API_TOKEN.substring(1), TestAuth.API_TOKEN.toUpperCase(Locale.ROOT), TestAuth.API_TOKEN + "x",
            TestAuth.API_TOKEN.substring(0, 8))); }
        case 3 -> { label = "forged"; header = "Bearer " + t.signed(t.claims(), "HmacSHA256",
            utf8("wrong-secret-0123456789abcdef0123456789"), "HS256"); }
        case 4 -> { label = "expired"; header = "Bearer " + t.signed(t.claims().put("exp", 1_000_000_000L), "HmacSHA256",
            utf8(TestAuth.JWT_SECRET), "HS256"); }
        case 5 -> { label = "alg-none"; header = "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "."
            + b64(t.claims().put("role", "admin").toString()) + (random.nextBoolean() ? "." : ""); }
        case 6 -> { label = "alg-none-case"; header = "Bearer " + b64("{\"alg\":\"nOnE\",\"typ\":\"at+jwt\"}") + "."
            + b64(t.claims().toString()) + "." + b64("sig"); }
        case 7 -> { label = "hs512"; header = "Bearer " + t.signed(t.claims(), "HmacSHA512", utf8(TestAuth.JWT_SECRET),
            "HS512"); }
        case 8 -> { label = "hs384"; header = "Bearer " + t.signed(t.claims(), "HmacSHA384", utf8(TestAuth.JWT_SECRET),
            "HS384"); }
        case 9 -> { label = "rs256"; header = "Bearer " + t.signed(t.claims(), "HmacSHA256", utf8(TestAuth.JWT_SECRET),
            "RS256"); }
        case 10 -> { label = "tampered"; header = "Bearer " + t.tampered("role", "admin"); }
        case 11 -> { label = "tampered-sub"; header = "Bearer " + t.tampered("sub", t.member2Id); }
        case 12 -> { label = "revoked-token"; header = "Bearer " + t.revokedJwt; }
        case 13 -> { label = "revoked-key"; header = "Bearer " + t.revokedKey; }
        case 14 -> { label = "key-wrong-body"; header = "Bearer ara_" + HostileInput.pick(random, List.of(
            "x".repeat(43), "", t.memberKey.substring(4, 20), t.memberKey.substring(4) + "x", "\u00ff".repeat(43),
            "%00", "' OR 1=1--")); }
        case 15 -> { label = "refresh-as-access"; header = "Bearer " + t.usedRefresh; }
        case 16 -> { label = "wrong-type"; header = "Bearer " + t.signed(t.claims(), "HmacSHA256",
            utf8(TestAuth.JWT_SECRET), "HS256", "JWT"); }
        case 17 -> { label = "other-issuer"; header = "Bearer " + t.signed(t.claims().put("iss", "evil"), "HmacSHA256",
            utf8(TestAuth.JWT_SECRET), "HS256"); }
        case 18 -> { label = "jwt-segments"; header = "Bearer " + HostileInput.pick(random, List.of(
            t.memberJwt + ".x", t.memberJwt.substring(0, t.memberJwt.lastIndexOf('.')), t.memberJwt + "..",
            "a.b.c.d.e", b64("{\"alg\":\"HS256\"}") + "." + b64("[]") + ".x", b64(nested(1_500, false, "")) + ".e30.x",
            b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"crit\":[\"exp\"]}") + "." + b64(t.claims().toString()) + ".x",
            b64("{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1:1/k\",\"kid\":\"../../etc/passwd\"}") + ".e30.x")); }
        case 19 -> { label = "expired-key-shape"; header = "Bearer " + t.memberJwt.replace('.', '-'); }
        case 20 -> { label = "anonymous"; header = null; }
        default -> { label = "signature-stripped"; header = "Bearer " + t.memberJwt.substring(0,
            t.memberJwt.lastIndexOf('.') + 1); }
      }
      return new Credential(label, header, false);
    }

    // -- other users' ids --

    private Probe otherUsers() {
      String prefix = prefix();
      Credential member = HostileInput.pick(random, List.of(t.memberJwt(), t.memberKeyCredential()));
      return switch (random.nextInt(5)) {
        case 0 -> probe("other-user", "DELETE", prefix + "/auth/api-keys/" + t.member2KeyId, headers(member), null,
            Expect.REFUSED);
        case 1 -> probe("other-user", "DELETE", prefix + "/auth/api-keys/" + t.member2KeyId,
            headers(t.viewerJwt()), null, Expect.REFUSED);
        case 2 -> probe("other-user", "POST", prefix + "/auth/revoke", headers(member, json()),
            utf8("{\"key_id\":" + quote(t.member2KeyId) + "}"), Expect.REFUSED);
        case 3 -> new Probe("other-user", "GET", prefix + "/auth/api-keys", headers(member), null, false, Expect.ANY,
            List.of(t.member2KeyId), null);
        default -> {
          // Tenancy hook: once debates belong to tenants, another tenant's debate ids are refused here too.
          List<String> ids = t.otherTenantDebateIds();
          if (ids.isEmpty()) {
            yield probe("other-user", "DELETE", prefix + "/auth/api-keys/" + t.member2KeyId + "%00",
                headers(member), null, Expect.REFUSED);
          }
          yield probe("other-tenant", "GET", prefix + "/debates/" + HostileInput.pick(random, ids), headers(member),
              null, Expect.REFUSED);
        }
      };
    }

    // -- sizes --

    private Probe bodySize() {
      String prefix = prefix();
      return switch (random.nextInt(9)) {
        case 0 -> probe("size", "POST", prefix + "/debates", headers(creator(), json()), padded(BASE_DEBATE, MAX_BODY),
            Expect.ANY);
        case 1 -> probe("size", "POST", prefix + "/debates", headers(creator(), json()),
            padded(BASE_DEBATE, MAX_BODY + 1), Expect.ANY);
        case 2 -> new Probe("size", "POST", prefix + "/debates", headers(creator(), json()),
            padded(BASE_DEBATE, MAX_BODY + 1 + random.nextInt(2 * MAX_BODY)), true, Expect.ANY, List.of(), null);
        case 3 -> probe("size", "POST", prefix + "/debates", headersWith(creator(), "Content-Length", "99999999999"),
            utf8(BASE_DEBATE), Expect.ANY);
        case 4 -> probe("size", "POST", prefix + "/auth/login", headers(null, json()),
            padded("{\"email\":\"ghost@example.com\",\"password\":\"wrong-password\"}", MAX_AUTH_BODY
                + random.nextInt(2)), Expect.ANY);
        case 5 -> probe("size", "POST", prefix + "/receipts/verify", headers(reader(), json()),
            padded(t.receiptJson, MAX_BODY + random.nextInt(2)), Expect.ANY);
        case 6 -> probe("size", "GET", prefix + "/debates", headers(reader()), new byte[MAX_BODY + 1], Expect.ANY);
        case 7 -> probe("size", "POST", prefix + "/debates", headers(creator(), json()),
            utf8("{\"task\":\"Fuzz?\",\"agents\":" + TEAM + ",\"rounds\":1,\"metadata\":{\"pad\":"
                + quote("p".repeat(MAX_BODY - 120)) + "}}"), Expect.ANY);
        default -> probe("size", "POST", prefix + "/auth/api-keys", headers(t.memberJwt(), json()),
            padded("{\"name\":\"big\"}", MAX_AUTH_BODY + random.nextInt(2)), Expect.ANY);
      };
    }

    /** {@code json} padded with trailing spaces to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
      byte[] text = utf8(json);
      byte[] all = new byte[Math.max(size, text.length)];
      java.util.Arrays.fill(all, (byte) ' ');
      System.arraycopy(text, 0, all, 0, text.length);
      return all;
    }

    // -- encodings and content types --

    private Probe encoding() {
      String prefix = prefix();
      boolean login = random.nextInt(4) == 0;
      String path = login ? prefix + "/auth/login" : prefix + "/debates";
      String text = login ? "{\"email\":\"gh\u00f8st@example.com\",\"password\":\"wr\u00f6ng-password\"}"
          : "{\"task\":\"Caf\u00e9 \uD83D\uDE00 \u202Eright?\",\"agents\":" + TEAM + ",\"rounds\":1}";
      byte[] body = switch (random.nextInt(8)) {
        case 0 -> text.getBytes(StandardCharsets.UTF_16LE);
        case 1 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        case 2 -> text.getBytes(StandardCharsets.UTF_16BE);
        case 3 -> text.getBytes(java.nio.charset.Charset.forName("UTF-32LE"));
        case 4 -> text.replace("\uD83D\uDE00", "").replace("\u202E", "").getBytes(StandardCharsets.ISO_8859_1);
        case 5 -> concat(utf8(text.substring(0, 12)), invalidUtf8(random), utf8(text.substring(12)));
        case 6 -> concat(utf8(text.substring(0, 12)), new byte[] {0}, utf8(text.substring(12)));
        default -> utf8(text);
      };
      String type = HostileInput.pick(random, List.of("application/json", "application/json; charset=utf-16",
          "application/json; charset=iso-8859-1", "text/plain", "application/x-www-form-urlencoded", "",
          "application/json; charset=utf-32", "multipart/form-data; boundary=x"));
      List<Map.Entry<String, String>> headers = new ArrayList<>(headers(login ? null : creator()));
      if (!type.isEmpty() || random.nextBoolean()) headers.add(Map.entry("Content-Type", type));
      return probe("encoding", "POST", path, headers, body, Expect.ANY);
    }

    // -- the protocol itself --

    private Probe rawProtocol() {
      String token = "Authorization: " + t.apiToken().authorization() + "\r\n";
      String head = HostileInput.pick(random, List.of(
          "GET /api/v2/debates HTTP/1.0\r\n" + token + "\r\n",
          "GET /api/v2/debates HTTP/1.1\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + token + "Connection: close\r\n\r\n",
          "get /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET  /api/v2/debates  HTTP/1.1\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates\r\n\r\n",
          "GET /api/v2/debates HTTP/2.0\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.2\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/9.9\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTPS/1.1\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/de bates HTTP/1.1\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "\r\n\r\nGET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\nJunk\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\nBad Header: x\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\nX-A: a\r\n  folded\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\nX-A: a\u0000b\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\nHost: {host}\n" + token.replace("\r\n", "\n") + "Connection: close\n\n",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n"
              + "Connection: close\r\n\r\n0\r\n\r\n",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Content-Length: 2\r\nContent-Length: 3\r\n"
              + "Connection: close\r\n\r\n{}",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Content-Length: -1\r\nConnection: close\r\n\r\n",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Content-Length: abc\r\nConnection: close\r\n\r\n",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Transfer-Encoding: chunked\r\nConnection: close\r\n"
              + "\r\nzz\r\n{}\r\n0\r\n\r\n",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Transfer-Encoding: chunked\r\nConnection: close\r\n"
              + "\r\nffffffffffffffff\r\n{}\r\n0\r\n\r\n",
          "A".repeat(100) + " /api/v2/debates HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
          "GET /api/v2/debates/" + "x".repeat(9_000) + " HTTP/1.1\r\nHost: {host}\r\n" + token + "Connection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\nX-Big: " + "y".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
          "OPTIONS * HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Expect: 100-continue\r\nConnection: close\r\n\r\n",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Expect: 100-continue\r\nContent-Length: 2\r\n"
              + "Content-Type: application/json\r\nConnection: close\r\n\r\n{}",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Expect: teapot\r\nConnection: close\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Upgrade: h2c\r\nHTTP2-Settings: AAAA\r\n"
              + "Connection: Upgrade, HTTP2-Settings, close\r\n\r\n",
          "GET /ws HTTP/1.1\r\nHost: {host}\r\n" + token + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Version: 13\r\n\r\n",
          "GET /ws HTTP/1.1\r\nHost: {host}\r\n" + token + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: !!!\r\nSec-WebSocket-Version: 99\r\n\r\n",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Content-Encoding: gzip\r\nContent-Length: 3\r\n"
              + "Connection: close\r\n\r\nxyz",
          "POST /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + token + "Content-Encoding: gzip\r\n"
              + "Content-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n\u001f\u008b\u0008xx",
          "GET /api/v2/debates HTTP/1.1\r\nHost: {host}\r\n" + rawUtf8("X-Unicode: \u202E\uD83D\uDE00") + "\r\n" + token
              + "Connection: close\r\n\r\n",
          "GET /api/v2/debates/" + rawUtf8("\uD83D\uDE00\u202E") + " HTTP/1.1\r\nHost: {host}\r\n" + token
              + "Connection: close\r\n\r\n"));
      String firstLine = head.strip().split("\r?\n", 2)[0];
      String[] parts = firstLine.split(" ");
      String method = parts.length > 0 ? parts[0] : "";
      return new Probe("raw-protocol", method, parts.length > 1 ? parts[1] : "", List.of(), null, false, Expect.ANY,
          List.of(), head);
    }

    // -- server-sent events --

    private Probe serverSentEvents() {
      String prefix = prefix();
      String id = random.nextInt(10) < 7 ? HostileInput.pick(random, t.debateIds) : HostileInput.pick(random, SEGMENTS);
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("Accept", HostileInput.pick(random, List.of("text/event-stream", "TEXT/EVENT-STREAM",
          "text/event-stream, application/json", "application/json, text/event-stream;q=0.1"))));
      if (random.nextInt(4) != 0) {
        headers.add(Map.entry("Last-Event-ID", HostileInput.pick(random, List.of(HostileInput.pick(random, HEADER_VALUES),
            "0", "1", "5", "999999", "-1", "9223372036854775807", "18446744073709551616", " 3 ", "3.0", "0x3", "\u00b3"))));
      }
      String query = random.nextBoolean() ? "" : "?since=" + HostileInput.pick(random, QUERY_VALUES);
      Expect expect = Expect.ANY;
      Credential credential = reader();
      if (random.nextInt(5) == 0) {
        credential = null;
        boolean good = random.nextBoolean();
        String token = good ? t.viewerJwt : bearerValue(badCredentialWithHeader());
        query += (query.isEmpty() ? "?" : "&") + "access_token=" + urlEncode(token);
        if (!good) expect = Expect.REFUSED;
      }
      if (credential != null) headers.add(Map.entry("Authorization", credential.authorization()));
      return probe("sse", "GET", prefix + "/debates/" + id + "/events" + query, headers, null, expect);
    }

    private Credential badCredentialWithHeader() {
      while (true) {
        Credential bad = badCredential();
        if (bad.authorization() != null && bad.authorization().length() > 7) return bad;
      }
    }

    private Probe wrongMethod() {
      Route route = HostileInput.pick(random, routes);
      String method = HostileInput.pick(random, List.of("PUT", "PATCH", "PROPFIND", "get", "CONNECT", "M-SEARCH",
          "X".repeat(40), "DELETE", "TRACE", "OPTIONS", "HEAD", "POST"));
      if (method.equals("DELETE") && route.template().contains("api-keys")) method = "PUT";
      return probe("method", method, fill(route.template(), random.nextBoolean()),
          headers(keepSession(route, validCredential()), json()),
          random.nextBoolean() ? utf8(BASE_DEBATE) : null, Expect.ANY);
    }

    // -- helpers --

    private String prefix() {
      return HostileInput.pick(random, PREFIXES);
    }

    /** The template with its parameters filled: real ids, or (when {@code hostile}) odd segments half the time. */
    private String fill(String template, boolean hostile) {
      String path = template;
      while (path.contains("{")) {
        int open = path.indexOf('{');
        int close = path.indexOf('}', open);
        String name = path.substring(open + 1, close);
        String value;
        if (hostile && random.nextBoolean()) {
          value = HostileInput.pick(random, SEGMENTS);
        } else {
          value = switch (name) {
            case "id" -> template.contains("api-keys")
                ? HostileInput.pick(random, List.of("key_nope", "key_" + "0".repeat(24), t.burnableKeyId()))
                : random.nextInt(5) == 0 ? "deb_" + Long.toHexString(random.nextLong()) : HostileInput.pick(random, t.debateIds);
            case "name", "a" -> HostileInput.pick(random, List.of("demo:skeptic", "demo:nobody", "demo/skeptic"));
            default -> HostileInput.pick(random, List.of("demo:optimist", "demo:skeptic", "x:y"));
          };
        }
        path = path.substring(0, open) + value + path.substring(close + 1);
      }
      return path;
    }

    private Credential validCredential() {
      int roll = random.nextInt(20);
      if (roll < 9) return t.apiToken();
      if (roll < 12) return t.adminJwt();
      if (roll < 15) return t.memberJwt();
      if (roll < 17) return t.memberKeyCredential();
      if (roll < 19) return t.viewerJwt();
      return t.member2Jwt();
    }

    /** {@code credential}, unless it is a session the route would end (logout): then the API token. */
    private Credential keepSession(Route route, Credential credential) {
      return route.template().endsWith("/auth/logout") ? t.apiToken() : credential;
    }

    /** A credential that may create debates. */
    private Credential creator() {
      return HostileInput.pick(random, List.of(t.apiToken(), t.memberJwt(), t.memberKeyCredential(), t.adminJwt()));
    }

    private Credential reader() {
      return HostileInput.pick(random, List.of(t.apiToken(), t.viewerJwt(), t.memberJwt(), t.memberKeyCredential()));
    }

    private static Credential anonymous() {
      return new Credential("anonymous", null, false);
    }

    private static Map.Entry<String, String> json() {
      return Map.entry("Content-Type", "application/json");
    }

    @SafeVarargs
    private static List<Map.Entry<String, String>> headers(Credential credential, Map.Entry<String, String>... more) {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      if (credential != null && credential.authorization() != null)
        headers.add(Map.entry("Authorization", credential.authorization()));
      headers.addAll(List.of(more));
      return headers;
    }

    private static List<Map.Entry<String, String>> headersWith(Credential credential, String name, String value) {
      List<Map.Entry<String, String>> headers = headers(credential, json());
      headers.add(Map.entry(name, value));
      return headers;
    }

    private static Probe probe(String kind, String method, String target, List<Map.Entry<String, String>> headers,
                               byte[] body, Expect expect) {
      return new Probe(kind, method, target, headers, body, false, expect, List.of(), null);
    }

    private static String urlEncode(String text) {
      return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
  }

  // ---- WebSocket ------------------------------------------------------------------------------

  /** Close codes a server may end a hostile socket with: normal, going away, bad data, policy, too big. */
  private static final List<Integer> ALLOWED_CLOSE = List.of(1000, 1001, 1007, 1008, 1009);

  private Outcome runWebSockets(Target target, Random random) throws Exception {
    Map<Integer, Integer> outcomes = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicInteger sent = new AtomicInteger();
    long start = System.nanoTime();
    URI ws = URI.create("ws://127.0.0.1:" + target.port + "/ws");
    Generator generator = new Generator(new Random(random.nextLong()), target);
    // Handshakes: bad credentials are refused (401) and odd query parameters answered, never a 5xx.
    List<Runnable> handshakes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Credential bad = generator.badCredential();
      boolean inQuery = random.nextBoolean();
      String odd = HostileInput.pick(random, SEGMENTS);
      boolean valid = random.nextInt(3) == 0;
      String query = "?debate_id=" + odd + (inQuery && !valid && bad.authorization() != null
          ? "&access_token=" + java.net.URLEncoder.encode(bad.authorization().replaceFirst("(?i)^bearer ", ""),
              StandardCharsets.UTF_8) : "");
      handshakes.add(() -> {
        sent.incrementAndGet();
        URI uri;
        try {
          uri = URI.create(ws + query);
        } catch (IllegalArgumentException e) {
          outcomes.merge(-2, 1, Integer::sum);
          return;
        }
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        String authorization = valid ? target.apiToken().authorization() : inQuery ? null : bad.authorization();
        try {
          if (authorization != null) builder.header("Authorization", authorization);
        } catch (IllegalArgumentException e) {
          outcomes.merge(-2, 1, Integer::sum); // the client refuses to send that header value
          return;
        }
        Session session = new Session();
        try {
          WebSocket socket = builder.buildAsync(uri, session).get(10, TimeUnit.SECONDS);
          if (!valid) failures.add("handshake with a bad credential (" + bad.label() + ") was accepted: " + query);
          session.awaitQuiet();
          outcomes.merge(101, 1, Integer::sum);
          failures.addAll(session.problems("handshake " + printable(query, 120), target.secrets, false));
          socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        } catch (Exception e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            outcomes.merge(status, 1, Integer::sum);
            if (status >= 500) failures.add("handshake " + status + " for " + query);
            // A valid credential with a malformed query (bad UTF-8 in debate_id) may be refused with a 4xx.
            Object body = h.getResponse().body();
            String text = body == null ? "" : body.toString();
            for (String pattern : STACK_TRACE) if (text.contains(pattern)) failures.add("handshake body holds " + pattern);
            target.secrets.forEach((name, secret) -> {
              if (text.contains(secret)) failures.add(name + " in a handshake answer to " + printable(query, 200));
            });
          } else {
            outcomes.merge(-1, 1, Integer::sum);
            failures.add("handshake failed without an answer: " + cause + " for " + printable(query, 120));
          }
        }
      });
    }
    // Sessions: valid sockets that get a burst of hostile messages, then must still answer a ping.
    List<Runnable> sessions = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      List<WsMessage> messages = new ArrayList<>();
      for (int i = 0; i < 30; i++) messages.add(wsMessage(random, target));
      if (random.nextInt(3) == 0) messages.add(new WsMessage("{\"type\":\"ping\",\"pad\":\"" + "p".repeat(70_000) + "\"}",
          null, true));
      Credential credential = HostileInput.pick(random, List.of(target.apiToken(), target.viewerJwt(), target.memberJwt(),
          target.memberKeyCredential()));
      boolean inQuery = random.nextBoolean();
      sessions.add(() -> {
        Session session = new Session();
        try {
          WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
          URI uri = ws;
          if (inQuery) uri = URI.create(ws + "?access_token=" + credential.authorization().substring(7));
          else builder.header("Authorization", credential.authorization());
          WebSocket socket = builder.buildAsync(uri, session).get(10, TimeUnit.SECONDS);
          boolean tooBig = false;
          for (WsMessage message : messages) {
            sent.incrementAndGet();
            if (session.closed.isDone()) break;
            tooBig |= message.tooBig();
            try {
              if (message.binary() != null) socket.sendBinary(ByteBuffer.wrap(message.binary()), true).get(5, TimeUnit.SECONDS);
              else if (message.text().length() > 40 && message.text().hashCode() % 5 == 0) {
                int half = message.text().length() / 2;
                socket.sendText(message.text().substring(0, half), false).get(5, TimeUnit.SECONDS);
                socket.sendText(message.text().substring(half), true).get(5, TimeUnit.SECONDS);
              } else {
                socket.sendText(message.text(), true).get(5, TimeUnit.SECONDS);
              }
            } catch (Exception e) {
              if (!session.closed.isDone() && !message.tooBig())
                failures.add("sending " + printable(String.valueOf(message.text()), 120) + " failed: " + e);
              break;
            }
          }
          session.awaitQuiet();
          if (!session.closed.isDone()) {
            session.pongs.set(0);
            socket.sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
            session.awaitPong();
            if (session.pongs.get() == 0 && !session.closed.isDone()) failures.add("no pong after the burst");
          } else if (!tooBig) {
            failures.add("the server closed a socket mid-burst: " + session.closed.getNow(null));
          }
          // Judged before this side closes: how the client's own close ends is no concern of the server's.
          Integer code = session.closed.isDone() ? session.closed.getNow(null).code() : 1000;
          outcomes.merge(code, 1, Integer::sum);
          failures.addAll(session.problems("session", target.secrets, tooBig));
          if (!session.closed.isDone()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        } catch (Exception e) {
          failures.add("a session failed: " + e);
        }
      });
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore permits = new Semaphore(8);
      List<Runnable> all = new ArrayList<>(handshakes);
      all.addAll(sessions);
      for (Runnable task : all) {
        permits.acquire();
        pool.submit(() -> {
          try {
            task.run();
          } finally {
            permits.release();
          }
        });
      }
    }
    return new Outcome(new TreeMap<>(outcomes), failures, sent.get(), Duration.ofNanos(System.nanoTime() - start), Map.of());
  }

  private record WsMessage(String text, byte[] binary, boolean tooBig) {}

  private static WsMessage wsMessage(Random random, Target target) {
    String seeded = HostileInput.pick(random, target.debateIds);
    String text = switch (random.nextInt(16)) {
      case 0 -> HostileInput.pick(random, List.of("", " ", "{", "}", "[]", "null", "1", "\"str\"", "{\"type\":null}",
          "{\"type\":5}", "{\"type\":\"SUBSCRIBE\"}", "{\"type\":[\"subscribe\"]}", "{\"type\":{}}", "{\"type\":\"\"}"));
      case 1 -> "{\"type\":\"subscribe\"}";
      case 2, 3 -> "{\"type\":\"subscribe\",\"debate_id\":" + HostileInput.value(random) + "}";
      case 4 -> "{\"type\":\"subscribe\",\"debate_id\":" + quote(seeded) + ",\"since\":" + HostileInput.pick(random,
          List.of("-1", "\"abc\"", "1e30", "9223372036854775808", "9223372036854775807", "\"9223372036854775807\"",
              "NaN", "1.5", "null", "[]", "{}", "\"-5\"", "\" 3 \"", "0", "3")) + "}";
      case 5 -> "{\"type\":\"unsubscribe\",\"debate_id\":" + HostileInput.value(random) + "}";
      case 6 -> "{\"type\":\"ping\",\"extra\":" + nested(random.nextBoolean() ? 900 : 10_000, random.nextBoolean(), "1") + "}";
      case 7 -> nested(10_000, false, "");
      case 8 -> "{\"type\":\"ping\",\"pad\":\"" + "p".repeat(60_000) + "\"}";
      case 9 -> "{\"type\":\"\\ud800\",\"debate_id\":\"\\u0000\\u202e\"}";
      case 10 -> "{\"type\":\"ping\",\"type\":\"subscribe\",\"debate_id\":" + quote(seeded) + "}";
      case 11 -> "{\"type\":\"subscribe\",\"debate_id\":" + quote(rawSegmentText(random)) + "}";
      case 12 -> mutate(random, "{\"type\":\"subscribe\",\"debate_id\":" + quote(seeded) + ",\"since\":0}");
      case 13 -> "{\"type\":" + quote(HostileInput.pick(random, STRINGS)) + "}";
      case 14 -> "{\"type\":\"subscribe\",\"debate_id\":" + quote("x".repeat(30_000)) + "}";
      default -> null;
    };
    if (text == null) {
      byte[] bytes = new byte[1 + random.nextInt(200)];
      random.nextBytes(bytes);
      return new WsMessage(null, bytes, false);
    }
    return new WsMessage(text, null, false);
  }

  private static String rawSegmentText(Random random) {
    return java.net.URLDecoder.decode(HostileInput.pick(random, SEGMENTS).replace("+", "%2B").replaceAll("%(?![0-9a-fA-F]{2})",
        "%25"), StandardCharsets.UTF_8);
  }

  /** A client socket's listener: records what the server sent and how it closed. */
  private static final class Session implements WebSocket.Listener {
    record Closed(int code, String reason) {}

    final List<String> texts = new CopyOnWriteArrayList<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    final AtomicInteger pongs = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile long lastHeard = System.nanoTime();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      lastHeard = System.nanoTime();
      synchronized (partial) {
        partial.append(data);
        if (last) {
          String text = partial.toString();
          texts.add(text);
          if (text.contains("\"pong\"")) pongs.incrementAndGet();
          partial.setLength(0);
        }
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      errors.add(String.valueOf(error));
      closed.complete(new Closed(-1, String.valueOf(error)));
    }

    /** Waits until nothing has arrived for 300 ms (at most 10 s). */
    void awaitQuiet() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline && System.nanoTime() - lastHeard < Duration.ofMillis(300).toNanos()) {
        Thread.sleep(50);
      }
    }

    void awaitPong() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (pongs.get() == 0 && !closed.isDone() && System.nanoTime() < deadline) Thread.sleep(20);
    }

    /**
     * @param tooBig a message over the size limit was sent: the server closes (1009), which this
     *     client, still writing the big frame, may see as its input closing (-1)
     */
    List<String> problems(String what, Map<String, String> secrets, boolean tooBig) {
      List<String> problems = new ArrayList<>();
      for (String text : texts) {
        JsonNode node;
        try {
          node = JSON.readTree(text);
        } catch (Exception e) {
          problems.add(what + ": a reply that is not JSON: " + printable(text, 200));
          continue;
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual())
          problems.add(what + ": a reply without a type: " + printable(text, 200));
        else if (node.get("type").asText().equals("error")
            && (!node.path("code").isTextual() || !node.path("message").isTextual()))
          problems.add(what + ": an error reply without code and message: " + printable(text, 200));
        for (String pattern : STACK_TRACE)
          if (text.contains(pattern)) problems.add(what + ": a reply holds '" + pattern + "': " + printable(text, 200));
        secrets.forEach((name, secret) -> {
          if (text.contains(secret)) problems.add(what + ": " + name + " in a reply");
        });
      }
      Closed close = closed.getNow(null);
      if (close != null && !ALLOWED_CLOSE.contains(close.code()) && !(tooBig && close.code() == -1))
        problems.add(what + ": closed with " + close.code() + " " + close.reason());
      if (close != null && close.code() >= 1000) { // a code below 1000 is this client's own failure text
        for (String pattern : STACK_TRACE)
          if (close.reason().contains(pattern)) problems.add(what + ": the close reason holds '" + pattern + "'");
      }
      return problems;
    }
  }

  // ---- the server under test ------------------------------------------------------------------

  /** A started server with seeded data and the credentials the probes use. */
  static final class Target implements AutoCloseable {
    final App app;
    final int port;
    final List<Route> routes = new ArrayList<>();
    final List<String> debateIds = new ArrayList<>();
    /** Values no answer or log line may hold, by name. */
    final Map<String, String> secrets = new LinkedHashMap<>();
    final List<String> burnableKeyIds = new ArrayList<>();
    /** Refresh tokens never used yet, of throwaway sessions: the races present each many times at once. */
    final List<String> freshRefresh = new ArrayList<>();
    String receiptJson;
    String adminJwt;
    String memberJwt;
    String member2Jwt;
    String viewerJwt;
    String memberKey;
    String member2Key;
    String member2KeyId;
    String member2Id;
    String revokedKey;
    String revokedJwt;
    String usedRefresh;
    private ObjectNode memberClaims;
    private String memberKid;

    private Target(App app) {
      this.app = app;
      this.port = app.port();
    }

    static Target start(Map<String, String> env, Path dataDir) throws Exception {
      Map<String, String> all = new HashMap<>(env);
      all.put("ARAGORA_SIMILARITY_BACKEND", "tfidf");
      // Behind a "proxy" on loopback, so that X-Forwarded-For is parsed rather than ignored.
      all.put("ARAGORA_TRUSTED_PROXIES", "127.0.0.1,::1");
      all.put("ARAGORA_MAX_CONCURRENT_DEBATES", "2");
      all.put("ARAGORA_MAX_QUEUED_DEBATES", "100000");
      all.put("ARAGORA_WS_MAX_PER_IP", "100000");
      all.put("ARAGORA_WS_CONN_RATE", "100000");
      all.put("ARAGORA_WS_MSG_RATE", "100000");
      all.put("ARAGORA_WS_MSG_BURST", "100000");
      Target target = new Target(TestAuth.start(all));
      try {
        target.seed(dataDir);
      } catch (Exception | Error e) {
        target.close();
        throw e;
      }
      return target;
    }

    private void seed(Path dataDir) throws Exception {
      for (String route : app.routes()) {
        String[] parts = route.split(" ", 2);
        routes.add(new Route(parts[0], parts[1], app.routeAccess().of(parts[0], parts[1]).orElseThrow()));
      }
      ApiClient internal = new ApiClient(port);
      for (String user : List.of("member", "member2", "viewer")) {
        ApiClient.Reply created = internal.post("/api/v2/auth/users", "{\"email\":\"" + user + "@example.com\",\"password\":\""
            + user + "-password\",\"role\":\"" + (user.equals("viewer") ? "viewer" : "member") + "\"}");
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        if (user.equals("member2")) member2Id = created.body().get("id").asText();
      }
      JsonNode admin = login(TestAuth.ADMIN_EMAIL, TestAuth.ADMIN_PASSWORD);
      adminJwt = admin.get("access_token").asText();
      JsonNode member = login("member@example.com", "member-password");
      memberJwt = member.get("access_token").asText();
      JsonNode member2 = login("member2@example.com", "member2-password");
      member2Jwt = member2.get("access_token").asText();
      JsonNode viewer = login("viewer@example.com", "viewer-password");
      viewerJwt = viewer.get("access_token").asText();
      ApiClient asMember = ApiClient.withToken(port, memberJwt);
      JsonNode key = asMember.post("/api/v2/auth/api-keys", "{\"name\":\"fuzz\"}").body();
      memberKey = key.get("key").asText();
      for (int i = 0; i < 3; i++)
        burnableKeyIds.add(asMember.post("/api/v2/auth/api-keys", "{\"name\":\"burnable\"}").body().get("id").asText());
      JsonNode key2 = ApiClient.withToken(port, member2Jwt).post("/api/v2/auth/api-keys", "{\"name\":\"other\"}").body();
      member2Key = key2.get("key").asText();
      member2KeyId = key2.get("id").asText();
      JsonNode revoked = asMember.post("/api/v2/auth/api-keys", "{\"name\":\"revoked\"}").body();
      revokedKey = revoked.get("key").asText();
      assertThat(asMember.delete("/api/v2/auth/api-keys/" + revoked.get("id").asText()).status()).isEqualTo(204);
      JsonNode loggedOut = login("member@example.com", "member-password");
      revokedJwt = loggedOut.get("access_token").asText();
      assertThat(ApiClient.withToken(port, revokedJwt).post("/api/v2/auth/logout", "").status()).isEqualTo(204);
      // A refresh token already exchanged once: presenting it again ends its own (throwaway) session.
      JsonNode throwaway = login("viewer@example.com", "viewer-password");
      usedRefresh = throwaway.get("refresh_token").asText();
      assertThat(ApiClient.anonymous(port).post("/api/v2/auth/refresh", "{\"refresh_token\":\"" + usedRefresh + "\"}")
          .status()).isEqualTo(200);

      for (int i = 0; i < 2; i++) freshRefresh.add(login("viewer@example.com", "viewer-password").get("refresh_token").asText());

      String[] parts = memberJwt.split("\\.");
      memberClaims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      memberKid = JSON.readTree(Base64.getUrlDecoder().decode(parts[0])).path("kid").asText();

      for (int i = 0; i < 2; i++) {
        String id = asMember.post("/api/v2/debates", "{\"task\":\"Seeded question " + i + "?\",\"agents\":" + TEAM
            + ",\"rounds\":1,\"metadata\":{\"domain\":\"security\"}}").body().get("id").asText();
        internal.await("/api/v2/debates/" + id, d -> !d.get("finished_at").isNull(), Duration.ofSeconds(30));
        debateIds.add(id);
      }
      receiptJson = internal.raw("/api/v2/debates/" + debateIds.getFirst() + "/receipt").body();
      assertThat(receiptJson).contains("signature");

      secrets.put("the API token", TestAuth.API_TOKEN);
      secrets.put("the JWT secret", TestAuth.JWT_SECRET);
      secrets.put("the admin password", TestAuth.ADMIN_PASSWORD);
      for (String user : List.of("member", "member2", "viewer")) secrets.put(user + "'s password", user + "-password");
      secrets.put("the member's API key", memberKey.substring(4));
      secrets.put("member2's API key", member2Key.substring(4));
      secrets.put("a revoked API key", revokedKey.substring(4));
      secrets.put("the admin's access token", adminJwt);
      secrets.put("the member's access token", memberJwt);
      secrets.put("member2's access token", member2Jwt);
      secrets.put("the viewer's access token", viewerJwt);
      secrets.put("a logged-out access token", revokedJwt);
      secrets.put("a used refresh token", usedRefresh);
      for (int i = 0; i < freshRefresh.size(); i++) secrets.put("raced refresh token " + i, freshRefresh.get(i));
      secrets.put("the admin's refresh token", admin.get("refresh_token").asText());
      secrets.put("the member's refresh token", member.get("refresh_token").asText());
      secrets.put("member2's refresh token", member2.get("refresh_token").asText());
      secrets.put("the viewer's refresh token", viewer.get("refresh_token").asText());
      Path receiptKey = dataDir.resolve(ReceiptKeys.KEY_FILE);
      if (Files.exists(receiptKey)) secrets.put("the receipt signing key", Files.readString(receiptKey).strip());
    }

    private JsonNode login(String email, String password) {
      ApiClient.Reply reply = ApiClient.anonymous(port).post("/api/v2/auth/login",
          "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
      assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
      return reply.body();
    }

    Credential apiToken() {
      return new Credential("api-token", TestAuth.BEARER, true);
    }

    Credential adminJwt() {
      return new Credential("admin-jwt", "Bearer " + adminJwt, true);
    }

    Credential memberJwt() {
      return new Credential("member-jwt", "Bearer " + memberJwt, true);
    }

    Credential member2Jwt() {
      return new Credential("member2-jwt", "Bearer " + member2Jwt, true);
    }

    Credential viewerJwt() {
      return new Credential("viewer-jwt", "Bearer " + viewerJwt, true);
    }

    Credential memberKeyCredential() {
      return new Credential("member-key", "Bearer " + memberKey, true);
    }

    String burnableKeyId() {
      return burnableKeyIds.get(0);
    }

    /**
     * Debate ids of another tenant, which the member's credentials must never reach. Empty until
     * tenancy exists: then seed a debate as a user of a second tenant and return its id here.
     */
    List<String> otherTenantDebateIds() {
      return List.of();
    }

    /** The member's claims, to change and sign. */
    ObjectNode claims() {
      return memberClaims.deepCopy();
    }

    String signed(ObjectNode claims, String mac, byte[] secret, String alg) {
      return signed(claims, mac, secret, alg, "at+jwt");
    }

    String signed(ObjectNode claims, String mac, byte[] secret, String alg, String typ) {
      String header = "{\"alg\":\"" + alg + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + memberKid + "\"}";
      return hmacJwt(header, claims.toString(), mac, secret);
    }

    /** The member's token with one claim changed and the signature kept. */
    String tampered(String claim, String value) {
      for (int i = 0; i < 2; i++) freshRefresh.add(login("viewer@example.com", "viewer-password").get("refresh_token").asText());

      String[] parts = memberJwt.split("\\.");
      return parts[0] + "." + b64(claims().put(claim, value).toString()) + "." + parts[2];
    }

    @Override
    public void close() {
      app.close();
    }
  }

  // ---- the server log -------------------------------------------------------------------------

  /**
   * Captures every log event while a test runs: the server's own loggers at DEBUG (kept off the
   * console), everything else at its configured level.
   */
  private static final class LogCapture extends AppenderBase<ILoggingEvent> {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private ch.qos.logback.classic.Logger server;
    private Level level;
    private boolean additive;

    @Override
    public void start() {
      if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
      setContext(context);
      super.start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this);
      server = context.getLogger("dev.aragora");
      level = server.getLevel();
      additive = server.isAdditive();
      server.setLevel(Level.DEBUG);
      server.setAdditive(false);
      server.addAppender(this);
    }

    @Override
    public void stop() {
      if (!(getContext() instanceof LoggerContext context)) return;
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
      server.detachAppender(this);
      server.setLevel(level);
      server.setAdditive(additive);
      super.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
      String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
      if (event.getThrowableProxy() != null) line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
      lines.add(line);
    }

    /** Secrets in any line, and every ERROR line (printed: an error log under hostile input is a finding). */
    List<String> problems(Map<String, String> secrets) {
      List<String> problems = new ArrayList<>();
      int warnings = 0;
      for (String line : lines) {
        secrets.forEach((name, secret) -> {
          if (line.contains(secret)) problems.add(name + " in the log: " + printable(line.replace(secret, "<SECRET>"), 300));
        });
        if (line.startsWith("ERROR")) problems.add("an error was logged: " + printable(line, 3000));
        if (line.startsWith("WARN") && warnings++ < 15) System.out.println("log: " + printable(line, 300));
      }
      System.out.printf("log: %d lines captured (%d warnings)%n", lines.size(), warnings);
      return problems;
    }
  }
}
