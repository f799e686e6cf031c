package dev.aragora.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debates per second and queue pick-up latency of the shared debate queue, with 1 and 3 server
 * instances on one PostgreSQL database. A plain {@code main} run by {@code bench/run-queue.sh}, not a
 * JMH benchmark.
 *
 * <h2>Set-up</h2>
 * A {@link FakeOpenAiVendor} on loopback answers every call after a fixed latency L (200 ms), in the
 * OpenAI wire format. For each instance count N it creates a fresh database {@code aragora_bench_<hex>}
 * (dropped at the end) and starts N servers, {@code java -XX:+UseSerialGC -jar aragora.jar serve
 * --port 0}, each with its own ARAGORA_INSTANCE_ID ({@code q0}, {@code q1} …), data directory and vendor
 * base URL (so the vendor knows which instance made each call), ARAGORA_MAX_CONCURRENT_DEBATES = C.
 * Every debate is 3 {@code openai-api} agents, 1 round: proposals, critiques, revisions, votes (they
 * reach consensus), so its critical path is about 4 × L. Timings come from the {@code debates} table
 * (epoch ms, written by the servers on one clock): created_at at admission, started_at when an
 * instance claimed it, finished_at when its result was stored.
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li><b>Warm-up</b>: {@code --warmup} debates per instance at once, not reported.
 *   <li><b>Pick-up at rest</b>: {@code --pickups} debates one at a time, {@code --spacing-ms} apart,
 *       round-robin over the instances: pick-up latency = started_at − created_at (the admitting
 *       instance has a free slot and claims it synchronously), and the debate's own duration.
 *   <li><b>Pick-up across instances</b> (N ≥ 2): instance q0 is filled with C debates the vendor holds
 *       (their task says {@value FakeOpenAiVendor#HOLD}), then {@code --pickups} debates are admitted on
 *       q0, spaced out: q0 has no free slot, so another instance must claim each; q0 rings the
 *       queue's doorbell (PostgreSQL NOTIFY) and every listening instance looks at once (else at
 *       its next ARAGORA_QUEUE_POLL_MS, 250 ms, or when one of its own debates ends).
 *   <li><b>Throughput</b>, {@code --rounds} times: {@code --debates} D submitted at once, round-robin;
 *       debates/s = D ÷ (last finished_at − first created_at), queue wait = started_at − created_at,
 *       debates run per instance (from the vendor's attribution), and the CPU used meanwhile by the
 *       servers, by this database's PostgreSQL backends, by this JVM (vendor and client) and by
 *       everything else, from {@code /proc}. The capacity bound is N × C ÷ (a debate's duration at
 *       rest); the CPU bound is the machine's cores ÷ (CPU per debate).
 * </ol>
 * Before each timed step it waits (from one {@code --quiet-wait} budget) while processes other than
 * its own keep {@code --quiet-below} cores busy. Each wait is bounded by {@code --timeout-seconds}.
 *
 * <pre>
 * java -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.aragora.bench.QueueThroughput \
 *   --server-jar server/target/aragora.jar [--instances 1,3] [--latency-ms 200] [--debates 120] \
 *   [--concurrency 10] [--pickups 20] [--spacing-ms 300] [--warmup 20] [--rounds 3] [--poll-ms 250] \
 *   [--timeout-seconds 120] [--quiet-below 0.3] [--quiet-wait 120] [--clock-ticks 100] [--out FILE]
 * </pre>
 */
public final class QueueThroughput {
  /** The shared ARAGORA_API_TOKEN the servers get, made up for each run. */
  private static final String API_TOKEN = newToken();

  private static String newToken() {
    byte[] random = new byte[16];
    new java.security.SecureRandom().nextBytes(random);
    return "bench-" + java.util.HexFormat.of().formatHex(random);
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AGENTS = "openai-api:m1,openai-api:m2,openai-api:m3";
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final Pattern LISTENING = Pattern.compile("aragora: listening on port (\\d+)");
  private static final Set<String> GOOD_ENDS = Set.of("consensus_reached", "completed");
  private static final int DEFAULT_POLL_MS = 250;

  /** Started processes and created databases, cleaned up by a shutdown hook if the run is cut short. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

  private QueueThroughput() {}

  record Options(Path serverJar, String java, List<Integer> instances, Duration latency, int debates, int concurrency,
                 int pickups, Duration spacing, int warmup, int rounds, int pollMs, int timeoutSeconds,
                 double quietBelow, int quietWaitSeconds, int clockTicks, Path out) {}

  /** Pick-up latencies (started_at − created_at) and durations (finished_at − started_at), in ms. */
  record Pickup(List<Long> latencies, List<Long> durations, Map<Integer, Integer> byInstance, int failed, String note) {}

  /** CPU in cores over a round's wall time, and CPU milliseconds per debate. */
  record Cpu(double servers, double postgres, double bench, double others, double serverMsPerDebate,
             double ownMsPerDebate) {}

  record Round(int debates, double spanSeconds, double rate, List<Long> waits, List<Long> durations,
               Map<Integer, Integer> perInstance, int moved, int failed, double wallSeconds, Cpu cpu,
               double othersBefore) {}

  record Config(int instances, double startSeconds, Pickup atRest, Pickup across, List<Round> rounds, long calls,
                long streamed, long plain, long rejected, int debatesRun) {
    Round medianRound() {
      List<Round> sorted = rounds.stream().sorted(Comparator.comparingDouble(Round::rate)).toList();
      return sorted.get((sorted.size() - 1) / 2);
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Runtime.getRuntime().addShutdownHook(new Thread(QueueThroughput::cleanUp, "queue-bench-cleanup"));
    Path work = Files.createTempDirectory("aragora-queue-bench");
    List<Config> configs = new ArrayList<>();
    boolean ok = false;
    try (FakeOpenAiVendor vendor = FakeOpenAiVendor.start(o.latency())) {
      Quiet quiet = new Quiet(o);
      for (int n : o.instances()) {
        vendor.reset();
        try (Bench bench = new Bench(o, vendor, quiet, n, work)) {
          configs.add(bench.run());
        }
      }
      String md = report(o, configs, quiet);
      System.out.println();
      System.out.println(md);
      if (o.out() != null) {
        if (o.out().getParent() != null) Files.createDirectories(o.out().getParent());
        Files.writeString(o.out(), md);
        log("wrote %s", o.out());
      }
      ok = true;
    } finally {
      if (ok) deleteTree(work);
      else log("server logs kept in %s", work);
    }
  }

  // ---- one configuration: N servers on a fresh database ------------------------------------------

  private static final class Bench implements AutoCloseable {
    private final Options o;
    private final FakeOpenAiVendor vendor;
    private final Quiet quiet;
    private final int n;
    private final Path work;
    private final String database;
    private final Connection db;
    private final List<Server> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final List<String> allIds = new ArrayList<>();

    Bench(Options o, FakeOpenAiVendor vendor, Quiet quiet, int n, Path work) throws SQLException {
      this.o = o;
      this.vendor = vendor;
      this.quiet = quiet;
      this.n = n;
      this.work = work;
      this.database = "aragora_bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      DATABASES.add(database);
      admin("CREATE DATABASE " + database);
      this.db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
    }

    Config run() throws Exception {
      log("== %d instance(s), database %s", n, database);
      long t0 = System.nanoTime();
      startServers();
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      log("%d server(s) listening after %.1f s: ports %s", n, startSeconds, servers.stream().map(s -> s.port).toList());

      List<Submitted> warm = submitAll("w", o.warmup() * n, false);
      awaitEnded(ids(warm));
      log("warm-up: %d debates ended", warm.size());

      quiet.await(this);
      Pickup atRest = pickup("p", false);
      log("pick-up at rest: p50 %d ms, p95 %d ms, max %d ms; debate duration p50 %d ms",
          pct(atRest.latencies(), 50), pct(atRest.latencies(), 95), max(atRest.latencies()), pct(atRest.durations(), 50));

      Pickup across = null;
      if (n >= 2) {
        quiet.await(this);
        across = acrossInstances();
        if (across.latencies().isEmpty()) log("across instances: %s", across.note());
        else log("pick-up across instances: p50 %d ms, p95 %d ms, max %d ms (%s)", pct(across.latencies(), 50),
            pct(across.latencies(), 95), max(across.latencies()), across.note());
      }

      List<Round> rounds = new ArrayList<>();
      for (int r = 1; r <= o.rounds(); r++) {
        double othersBefore = quiet.await(this);
        Round round = throughput("r" + r, othersBefore);
        rounds.add(round);
        log("round %d: %d debates in %.2f s = %.2f debates/s; queue wait p50 %d ms, p99 %d ms; duration p50 %d ms;"
                + " per instance %s; CPU cores servers %.2f, postgres %.2f, bench %.2f, others %.2f", r, round.debates(),
            round.spanSeconds(), round.rate(), pct(round.waits(), 50), pct(round.waits(), 99),
            pct(round.durations(), 50), round.perInstance(), round.cpu().servers(), round.cpu().postgres(),
            round.cpu().bench(), round.cpu().others());
      }
      long calls = 0;
      for (int k = 0; k < n; k++) calls += vendor.calls(k);
      return new Config(n, startSeconds, atRest, across, rounds, calls, vendor.streamedCalls(), vendor.plainCalls(),
          vendor.rejectedCalls(), allIds.size());
    }

    // ---- steps --------------------------------------------------------------------------------

    private Pickup pickup(String step, boolean onFirstOnly) throws Exception {
      List<Submitted> submitted = new ArrayList<>();
      for (int k = 0; k < o.pickups(); k++) {
        int instance = onFirstOnly ? 0 : k % n;
        submitted.add(submit(instance, tag(step, k), false));
        Thread.sleep(o.spacing());
      }
      awaitEnded(ids(submitted));
      List<Row> rows = rows(ids(submitted));
      Map<Integer, Integer> byInstance = new TreeMap<>();
      for (Submitted s : submitted) {
        Set<Integer> ran = vendor.instancesOf(s.tag());
        if (ran.size() == 1) byInstance.merge(ran.iterator().next(), 1, Integer::sum);
      }
      return new Pickup(rows.stream().map(r -> r.started() - r.created()).toList(),
          rows.stream().map(r -> r.finished() - r.started()).toList(), byInstance, failed(rows), "");
    }

    /** Fills q0 with held debates, then admits debates on q0 that another instance must pick up. */
    private Pickup acrossInstances() throws Exception {
      vendor.closeGate();
      List<Submitted> fillers = new ArrayList<>();
      try {
        int held = 0;
        for (int attempt = 0; attempt < 5 && held < o.concurrency(); attempt++) {
          for (int k = held; k < o.concurrency(); k++) fillers.add(submit(0, tag("f", fillers.size()), true));
          held = awaitFillersRunning(ids(fillers));
        }
        if (held < o.concurrency()) {
          return new Pickup(List.of(), List.of(), Map.of(), 0,
              "skipped: q0 ran only " + held + " of its " + o.concurrency() + " slots with held debates");
        }
        int elsewhere = fillers.size() - held;
        Pickup p = pickup("x", true);
        String note = "q0 full with " + held + " held debates" + (elsewhere > 0 ? " (" + elsewhere
            + " more held ones were claimed by other instances first)" : "");
        int onFirst = p.byInstance().getOrDefault(0, 0);
        if (onFirst > 0) note += "; " + onFirst + " of them still ran on q0";
        return new Pickup(p.latencies(), p.durations(), p.byInstance(), p.failed(), note);
      } finally {
        vendor.openGate();
        if (!fillers.isEmpty()) awaitEnded(ids(fillers));
      }
    }

    /** Waits until every filler runs; returns how many run on q0. */
    private int awaitFillersRunning(List<String> ids) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
      while (true) {
        int running = 0;
        int onFirst = 0;
        try (PreparedStatement q = db.prepareStatement(
            "SELECT lease_owner FROM debates WHERE id = ANY(?) AND status = 'running'")) {
          q.setArray(1, idArray(ids));
          try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              running++;
              if (rs.getString(1).startsWith(instanceId(0) + "#")) onFirst++;
            }
          }
        }
        if (running == ids.size()) return onFirst;
        if (System.nanoTime() > deadline) throw new TimeoutException("held debates not all running: " + running
            + " of " + ids.size());
        Thread.sleep(20);
      }
    }

    private Round throughput(String step, double othersBefore) throws Exception {
      CpuSample before = CpuSample.take(this);
      long t0 = System.nanoTime();
      List<Submitted> submitted = submitAll(step, o.debates(), false);
      awaitEnded(ids(submitted));
      double wall = (System.nanoTime() - t0) / 1e9;
      CpuSample after = CpuSample.take(this);
      List<Row> rows = rows(ids(submitted));
      long first = rows.stream().mapToLong(Row::created).min().orElseThrow();
      long last = rows.stream().mapToLong(Row::finished).max().orElseThrow();
      double span = (last - first) / 1000.0;
      Map<Integer, Integer> perInstance = new TreeMap<>();
      for (int k = 0; k < n; k++) perInstance.put(k, 0);
      int moved = 0;
      for (Submitted s : submitted) {
        Set<Integer> ran = vendor.instancesOf(s.tag());
        if (ran.size() == 1) perInstance.merge(ran.iterator().next(), 1, Integer::sum);
        else moved++;
      }
      double hz = o.clockTicks();
      double servers = (after.servers() - before.servers()) / hz;
      double postgres = after.postgresSince(before) / hz;
      double bench = (after.self() - before.self()) / hz;
      double machine = (after.machine() - before.machine()) / hz;
      double others = Math.max(0, machine - servers - postgres - bench);
      Cpu cpu = new Cpu(servers / wall, postgres / wall, bench / wall, others / wall, servers * 1000 / o.debates(),
          (servers + postgres + bench) * 1000 / o.debates());
      return new Round(o.debates(), span, o.debates() / span, rows.stream().map(r -> r.started() - r.created()).toList(),
          rows.stream().map(r -> r.finished() - r.started()).toList(), perInstance, moved, failed(rows), wall, cpu,
          othersBefore);
    }

    // ---- servers ------------------------------------------------------------------------------

    private void startServers() throws Exception {
      List<CompletableFuture<Integer>> ports = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        ProcessBuilder builder = new ProcessBuilder(o.java(), "-XX:+UseSerialGC", "-jar", o.serverJar().toString(),
            "serve", "--port", "0");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("ARAGORA_") || name.equals("DATABASE_URL")
            || name.equals("REDIS_URL") || name.endsWith("_API_KEY") || name.endsWith("_BASE_URL"));
        env.put("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + database);
        env.put("ARAGORA_INSTANCE_ID", instanceId(k));
        env.put("ARAGORA_MAX_CONCURRENT_DEBATES", Integer.toString(o.concurrency()));
        env.put("ARAGORA_MAX_QUEUED_DEBATES", Integer.toString(Math.max(1000, 4 * o.debates())));
        env.put("ARAGORA_DATA_DIR", work.resolve("data-" + n + "-" + k).toString());
        env.put("ARAGORA_SIMILARITY_BACKEND", "tfidf");
        env.put("OPENAI_API_KEY", "sk-bench");
        env.put("OPENAI_BASE_URL", vendor.baseUrl(k));
        if (o.pollMs() > 0) env.put("ARAGORA_QUEUE_POLL_MS", Integer.toString(o.pollMs()));
        // The harness is one internal caller submitting from one address: out of the rate limits' way.
        env.put("ARAGORA_API_TOKEN", API_TOKEN);
        env.put("ARAGORA_IP_RATE_LIMIT", "0");
        Path logFile = work.resolve("server-" + n + "-" + k + ".log");
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server-" + n + "-" + k + ".out").toFile()));
        Process process = builder.start();
        LIVE.add(process);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> drainStderr(process, logFile, port));
        servers.add(new Server(process, logFile));
        ports.add(port);
      }
      for (int k = 0; k < n; k++) {
        try {
          servers.get(k).port = ports.get(k).get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException("server q" + k + " did not start; log " + servers.get(k).log + ":\n"
              + tail(servers.get(k).log), e);
        }
      }
    }

    private static void drainStderr(Process process, Path logFile, CompletableFuture<Integer> port) {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
           BufferedWriter out = Files.newBufferedWriter(logFile)) {
        for (String line; (line = err.readLine()) != null; ) {
          out.write(line);
          out.newLine();
          out.flush();
          Matcher m = LISTENING.matcher(line);
          if (m.find()) port.complete(Integer.parseInt(m.group(1)));
        }
      } catch (IOException e) {
        // the process went away
      } finally {
        port.completeExceptionally(new IllegalStateException("server exited before listening"));
      }
    }

    @Override
    public void close() throws Exception {
      for (Server s : servers) s.process.destroy();
      for (Server s : servers) {
        if (!s.process.waitFor(15, TimeUnit.SECONDS)) s.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        LIVE.remove(s.process);
      }
      http.close();
      try {
        db.close();
      } finally {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        DATABASES.remove(database);
      }
    }

    // ---- debates ------------------------------------------------------------------------------

    record Submitted(String id, String tag, int instance) {}

    record Row(String id, String status, long created, long started, long finished) {}

    private String tag(String step, int k) {
      return String.format(Locale.ROOT, "t%d-%s-%03d", n, step, k);
    }

    private Submitted submit(int instance, String tag, boolean hold) throws Exception {
      String task = "Question [" + tag + "]: should we split our monolith into services?" + (hold ? " " + FakeOpenAiVendor.HOLD : "");
      String body = JSON.writeValueAsString(Map.of("task", task, "agents", AGENTS, "rounds", 1));
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + servers.get(instance).port + "/api/v2/debates"))
          .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
          .header("Authorization", "Bearer " + API_TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        throw new IllegalStateException("POST /api/v2/debates on q" + instance + " answered " + response.statusCode()
            + ": " + response.body());
      }
      JsonNode json = JSON.readTree(response.body());
      String id = json.path("id").asText();
      synchronized (allIds) {
        allIds.add(id);
      }
      return new Submitted(id, tag, instance);
    }

    /** {@code count} debates at once, round-robin over the instances, each POST on its own virtual thread. */
    private List<Submitted> submitAll(String step, int count, boolean hold) throws Exception {
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Submitted>> futures = new ArrayList<>();
        for (int k = 0; k < count; k++) {
          int instance = k % n;
          String tag = tag(step, k);
          futures.add(pool.submit(() -> submit(instance, tag, hold)));
        }
        List<Submitted> out = new ArrayList<>();
        for (Future<Submitted> f : futures) out.add(f.get(o.timeoutSeconds(), TimeUnit.SECONDS));
        return out;
      }
    }

    /** Waits until every debate has ended (any status but queued and running). */
    private void awaitEnded(List<String> ids) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds());
      try (PreparedStatement q = db.prepareStatement(
          "SELECT COUNT(*) FROM debates WHERE id = ANY(?) AND status NOT IN ('queued', 'running')")) {
        q.setArray(1, idArray(ids));
        while (true) {
          try (ResultSet rs = q.executeQuery()) {
            rs.next();
            if (rs.getInt(1) == ids.size()) return;
            if (System.nanoTime() > deadline) {
              throw new TimeoutException(rs.getInt(1) + " of " + ids.size() + " debates ended within "
                  + o.timeoutSeconds() + " s; server logs in " + work);
            }
          }
          Thread.sleep(50);
        }
      }
    }

    private List<Row> rows(List<String> ids) throws SQLException {
      try (PreparedStatement q = db.prepareStatement(
          "SELECT id, status, created_at, started_at, finished_at FROM debates WHERE id = ANY(?)")) {
        q.setArray(1, idArray(ids));
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
          }
        }
        if (rows.size() != ids.size()) throw new IllegalStateException(rows.size() + " rows for " + ids.size() + " debates");
        return rows;
      }
    }

    private static int failed(List<Row> rows) {
      return (int) rows.stream().filter(r -> !GOOD_ENDS.contains(r.status())).count();
    }

    private Array idArray(List<String> ids) throws SQLException {
      return db.createArrayOf("text", ids.toArray());
    }

    private static List<String> ids(List<Submitted> submitted) {
      return submitted.stream().map(Submitted::id).toList();
    }

    /** PIDs of this database's PostgreSQL backends. */
    List<Long> backendPids() throws SQLException {
      try (PreparedStatement q = db.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname = ?")) {
        q.setString(1, database);
        List<Long> pids = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) pids.add(rs.getLong(1));
        }
        return pids;
      }
    }

    List<Long> serverPids() {
      return servers.stream().map(s -> s.process.pid()).toList();
    }
  }

  private static final class Server {
    final Process process;
    final Path log;
    volatile int port;

    Server(Process process, Path log) {
      this.process = process;
      this.log = log;
    }
  }

  private static String instanceId(int k) {
    return "q" + k;
  }

  // ---- CPU from /proc ------------------------------------------------------------------------------

  /** Busy clock ticks: the machine's, the servers', this JVM's and each PostgreSQL backend's of the database. */
  private record CpuSample(long machine, long servers, long self, Map<Long, Long> postgres) {
    static CpuSample take(Bench bench) throws SQLException {
      long servers = 0;
      for (long pid : bench.serverPids()) servers += processTicks(pid);
      Map<Long, Long> pg = new HashMap<>();
      for (long pid : bench.backendPids()) pg.put(pid, processTicks(pid));
      return new CpuSample(machineTicks(), servers, processTicks(ProcessHandle.current().pid()), pg);
    }

    /** Ticks of the backends alive now since {@code before} (a backend started meanwhile counts whole). */
    long postgresSince(CpuSample before) {
      long sum = 0;
      for (Map.Entry<Long, Long> e : postgres.entrySet()) sum += e.getValue() - before.postgres.getOrDefault(e.getKey(), 0L);
      return sum;
    }
  }

  /** utime + stime of a process, in clock ticks (0 when it is gone). */
  static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** user + nice + system + irq + softirq + steal of every CPU, in clock ticks. */
  static long machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
          + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits while processes other than ours keep the machine busy, from one budget for the whole run. */
  private static final class Quiet {
    private final Options o;
    private long leftMillis;
    long waitedMillis;

    Quiet(Options o) {
      this.o = o;
      this.leftMillis = o.quietWaitSeconds() * 1000L;
    }

    /** Returns the cores other processes used over the last second looked at. */
    double await(Bench bench) throws Exception {
      long t0 = System.nanoTime();
      double others = others(bench);
      while (others >= o.quietBelow() && leftMillis > 0) {
        others = others(bench);
        long spent = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        leftMillis -= spent;
        waitedMillis += spent;
      }
      return others;
    }

    /** Over one second: the machine's busy cores minus our servers, this JVM and this database's backends. */
    private double others(Bench bench) throws Exception {
      CpuSample a = CpuSample.take(bench);
      Thread.sleep(1000);
      CpuSample z = CpuSample.take(bench);
      long ours = (z.servers() - a.servers()) + (z.self() - a.self()) + z.postgresSince(a);
      return Math.max(0, (z.machine() - a.machine() - ours) / (double) o.clockTicks());
    }
  }

  // ---- report -------------------------------------------------------------------------------------

  private static String report(Options o, List<Config> configs, Quiet quiet) throws SQLException {
    int cores = Runtime.getRuntime().availableProcessors();
    int c = o.concurrency();
    StringBuilder md = new StringBuilder();
    md.append("# Debate queue on PostgreSQL: ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"))).append("\n\n");
    md.append("- Machine: ").append(cores).append(" CPUs (").append(cpuModel()).append("), ").append(memGb())
        .append(" GB RAM, shared with other jobs; the servers, PostgreSQL, the fake vendor and the client all share these")
        .append(" cores. Before each timed step the harness waited while other processes kept ≥ ").append(o.quietBelow())
        .append(" cores busy: ").append(quiet.waitedMillis / 1000).append(" s in all (budget ").append(o.quietWaitSeconds())
        .append(" s)\n");
    md.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append("; each server `java -XX:+UseSerialGC -jar ").append(o.serverJar()).append(" serve --port 0` (")
        .append(System.getProperty("aragora.bench.built", "build not recorded")).append(")\n");
    md.append("- PostgreSQL ").append(adminValue("SHOW server_version")).append(" on 127.0.0.1:5432, a fresh database per")
        .append(" instance count (dropped after); each server's pool at its default (ARAGORA_DB_POOL_SIZE 10)\n");
    Config any = configs.get(0);
    double callsPerDebate = any.debatesRun() == 0 ? 0 : (double) any.calls() / any.debatesRun();
    md.append(String.format(Locale.ROOT, "- Workload: each debate is 3 `openai-api` agents, 1 round (proposals, critiques,"
            + " revisions, votes; they reach consensus), so a critical path of 4 × L = %d ms; %.1f vendor calls per debate (%d streamed, %d not, over the"
            + " first configuration); fake OpenAI-compatible vendor in the harness JVM answering every call after"
            + " L = %d ms. Per instance ARAGORA_MAX_CONCURRENT_DEBATES = C = %d, ARAGORA_QUEUE_POLL_MS = %d,"
            + " ARAGORA_DEBATE_LEASE_SECONDS 30 (default), ARAGORA_SIMILARITY_BACKEND = tfidf\n",
        4 * o.latency().toMillis(), callsPerDebate, any.streamed(), any.plain(), o.latency().toMillis(), c, pollMs(o)));
    md.append(String.format(Locale.ROOT, "- Steps per instance count: %d warm-up debates per instance (not reported);"
            + " %d debates %d ms apart for pick-up at rest; with ≥ 2 instances, %d more admitted on a full q0;"
            + " then %d rounds of D = %d debates submitted at once, round-robin\n",
        o.warmup(), o.pickups(), o.spacing().toMillis(), o.pickups(), o.rounds(), o.debates()));
    md.append("- Command: `").append(System.getProperty("aragora.bench.command", "java … dev.aragora.bench.QueueThroughput"))
        .append("`\n\n");

    md.append("## Throughput\n\n");
    md.append("Debates/s = D ÷ (last finished_at − first created_at), the median of the rounds. Capacity bound = N × C ÷ d,")
        .append(" d = a debate's median duration at rest (the pick-up step): what the slots allow with no CPU limit. CPU")
        .append(" bound = ").append(cores).append(" cores ÷ the CPU all our processes (servers, this database's PostgreSQL")
        .append(" backends, the harness) spent per debate in that round, and the same with only the cores other processes")
        .append(" left us (").append(cores).append(" − others). CPU in cores averaged over the round's wall time.\n\n");
    md.append("| instances | debates/s | rounds | capacity bound | measured ÷ capacity | CPU bound: all cores / cores left | queue wait p50 / p99 |")
        .append(" debate duration p50 (at rest) | CPU cores: servers / PostgreSQL / harness / others | CPU per debate: servers, all ours |")
        .append(" debates run per instance |\n");
    md.append("|---:|---:|---|---:|---:|---:|---|---|---|---|---|\n");
    for (Config cfg : configs) {
      Round r = cfg.medianRound();
      long d = pct(cfg.atRest().durations(), 50);
      double capacity = cfg.instances() * c * 1000.0 / d;
      double cpuBound = cores * 1000.0 / r.cpu().ownMsPerDebate();
      double cpuBoundLeft = Math.max(0, cores - r.cpu().others()) * 1000.0 / r.cpu().ownMsPerDebate();
      md.append(String.format(Locale.ROOT, "| %d | **%.1f** | %s | %.1f | %.2f | %.1f / %.1f | %d / %d ms | %d ms (%d ms) |"
              + " %.2f / %.2f / %.2f / %.2f | %.0f ms, %.0f ms | %s |\n",
          cfg.instances(), r.rate(), cfg.rounds().stream().map(x -> String.format(Locale.ROOT, "%.1f", x.rate()))
              .collect(Collectors.joining(", ")),
          capacity, r.rate() / capacity, cpuBound, cpuBoundLeft, pct(r.waits(), 50), pct(r.waits(), 99), pct(r.durations(), 50), d,
          r.cpu().servers(), r.cpu().postgres(), r.cpu().bench(), r.cpu().others(), r.cpu().serverMsPerDebate(),
          r.cpu().ownMsPerDebate(), perInstance(r.perInstance())));
    }
    Config one = configs.stream().filter(x -> x.instances() == 1).findFirst().orElse(null);
    for (Config cfg : configs) {
      if (one == null || cfg == one) continue;
      double ratio = cfg.medianRound().rate() / one.medianRound().rate();
      md.append(String.format(Locale.ROOT, "%nScaling 1 → %d instances: **%.2f×** (capacity-bound ideal %d×).",
          cfg.instances(), ratio, cfg.instances()));
    }
    md.append("\n\n");

    md.append("## Pick-up latency\n\n");
    md.append("started_at − created_at of debates admitted one at a time. At rest the admitting instance has a free slot")
        .append(" and claims the debate itself right after storing it (one `SELECT … FOR UPDATE SKIP LOCKED` transaction).")
        .append(" Across instances q0 is full (C debates held by the vendor), so another instance must claim it: q0 sends")
        .append(" a PostgreSQL NOTIFY after storing it and every other instance, LISTENing, claims at once; without that")
        .append(" ring (a listener reconnecting) an instance looks at its next poll, every ARAGORA_QUEUE_POLL_MS (")
        .append(pollMs(o)).append(" ms), or right after one of its own debates ends.\n\n");
    md.append("| instances | case | debates | p50 | p95 | max | picked up by | debate duration p50 | failed |\n");
    md.append("|---:|---|---:|---:|---:|---:|---|---:|---:|\n");
    for (Config cfg : configs) {
      md.append(pickupRow(cfg.instances(), "at rest, round-robin", cfg.atRest()));
      if (cfg.across() != null) md.append(pickupRow(cfg.instances(), "admitted on a full q0", cfg.across()));
    }
    for (Config cfg : configs) {
      if (cfg.across() != null && !cfg.across().note().isEmpty()) md.append("\n").append(cfg.instances())
          .append(" instances, across: ").append(cfg.across().note()).append('.');
    }
    md.append("\n\n");

    md.append("## Every round\n\n");
    md.append("| instances | round | debates/s | span | queue wait p50 / p99 / max | duration p50 / p99 | per instance |")
        .append(" run by > 1 instance | failed | CPU cores: servers / PostgreSQL / harness / others | others before |\n");
    md.append("|---:|---:|---:|---:|---|---|---|---:|---:|---|---:|\n");
    for (Config cfg : configs) {
      for (int i = 0; i < cfg.rounds().size(); i++) {
        Round r = cfg.rounds().get(i);
        md.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f s | %d / %d / %d ms | %d / %d ms | %s | %d | %d |"
                + " %.2f / %.2f / %.2f / %.2f | %.2f |\n",
            cfg.instances(), i + 1, r.rate(), r.spanSeconds(), pct(r.waits(), 50), pct(r.waits(), 99), max(r.waits()),
            pct(r.durations(), 50), pct(r.durations(), 99), perInstance(r.perInstance()), r.moved(), r.failed(),
            r.cpu().servers(), r.cpu().postgres(), r.cpu().bench(), r.cpu().others(), r.othersBefore()));
      }
    }
    md.append("\n");
    for (Config cfg : configs) {
      md.append(String.format(Locale.ROOT, "- %d instance(s): servers listening %.1f s after launch; %d debates in all,"
              + " %d vendor calls (%d streamed, %d not), %d requests the vendor could not answer\n",
          cfg.instances(), cfg.startSeconds(), cfg.debatesRun(), cfg.calls(), cfg.streamed(), cfg.plain(), cfg.rejected()));
    }
    return md.toString();
  }

  private static String pickupRow(int instances, String name, Pickup p) {
    if (p.latencies().isEmpty()) return "| " + instances + " | " + name + " | 0 | | | | " + p.note() + " | | |\n";
    return String.format(Locale.ROOT, "| %d | %s | %d | %d ms | %d ms | %d ms | %s | %d ms | %d |%n", instances, name,
        p.latencies().size(), pct(p.latencies(), 50), pct(p.latencies(), 95), max(p.latencies()),
        perInstance(p.byInstance()), pct(p.durations(), 50), p.failed());
  }

  private static String perInstance(Map<Integer, Integer> counts) {
    return counts.entrySet().stream().map(e -> instanceId(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
  }

  private static int pollMs(Options o) {
    return o.pollMs() > 0 ? o.pollMs() : DEFAULT_POLL_MS;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long memGb() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).map(kb -> Math.round(kb / 1048576.0)).findFirst().orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String adminValue(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------

  static long pct(List<Long> values, double p) {
    if (values.isEmpty()) return -1;
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static long max(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  private static void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void cleanUp() {
    for (Process p : LIVE) p.destroyForcibly();
    for (String name : DATABASES) {
      try {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (SQLException e) {
        System.err.println("queue bench: could not drop " + name + ": " + e.getMessage());
      }
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf("queue-bench: " + format + "%n", args);
  }

  private static Options parse(String[] args) {
    Path serverJar = Path.of("server/target/aragora.jar");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Integer> instances = List.of(1, 3);
    Duration latency = Duration.ofMillis(200);
    int debates = 120;
    int concurrency = 10;
    int pickups = 20;
    Duration spacing = Duration.ofMillis(300);
    int warmup = 20;
    int rounds = 3;
    int pollMs = 0;
    int timeoutSeconds = 120;
    double quietBelow = 0.3;
    int quietWait = 120;
    int clockTicks = 100;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help")) usage(0);
      if (i + 1 >= args.length) usage(2);
      String v = args[++i];
      switch (a) {
        case "--server-jar" -> serverJar = Path.of(v);
        case "--java" -> java = v;
        case "--instances" -> instances = Arrays.stream(v.split(",")).map(String::strip).map(Integer::parseInt).toList();
        case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(v));
        case "--debates" -> debates = Integer.parseInt(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        case "--pickups" -> pickups = Integer.parseInt(v);
        case "--spacing-ms" -> spacing = Duration.ofMillis(Long.parseLong(v));
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--rounds" -> rounds = Integer.parseInt(v);
        case "--poll-ms" -> pollMs = Integer.parseInt(v);
        case "--timeout-seconds" -> timeoutSeconds = Integer.parseInt(v);
        case "--quiet-below" -> quietBelow = Double.parseDouble(v);
        case "--quiet-wait" -> quietWait = Integer.parseInt(v);
        case "--clock-ticks" -> clockTicks = Integer.parseInt(v);
        case "--out" -> out = Path.of(v);
        default -> usage(2);
      }
    }
    if (instances.isEmpty() || instances.stream().anyMatch(n -> n < 1)) usage(2);
    if (debates < 1 || concurrency < 1 || pickups < 1 || rounds < 1 || warmup < 0) usage(2);
    if (!Files.isRegularFile(serverJar)) throw new IllegalArgumentException("no server jar at " + serverJar);
    return new Options(serverJar, java, instances, latency, debates, concurrency, pickups, spacing, warmup, rounds,
        pollMs, timeoutSeconds, quietBelow, quietWait, clockTicks, out);
  }

  private static void usage(int status) {
    System.err.println("QueueThroughput [--server-jar server/target/aragora.jar] [--java PATH] [--instances 1,3]"
        + " [--latency-ms 200] [--debates 120] [--concurrency 10] [--pickups 20] [--spacing-ms 300] [--warmup 20]"
        + " [--rounds 3] [--poll-ms 250] [--timeout-seconds 120] [--quiet-below 0.3] [--quiet-wait 120]"
        + " [--clock-ticks 100] [--out FILE]");
    System.exit(status);
  }
}
