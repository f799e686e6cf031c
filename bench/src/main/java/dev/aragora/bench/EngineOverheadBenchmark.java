package dev.aragora.bench;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.agent.StandardAgentFactory;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.convergence.SimilarityScorer;
import dev.aragora.core.debate.Arena;
import dev.aragora.core.debate.ConsensusMode;
import dev.aragora.core.debate.DebateControl;
import dev.aragora.core.debate.DebateLimits;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Topology;
import dev.aragora.core.debate.event.AgentError;
import dev.aragora.core.debate.event.AgentMessage;
import dev.aragora.core.debate.event.CritiquePosted;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.core.debate.event.PhaseStarted;
import dev.aragora.core.debate.event.TokenDelta;
import dev.aragora.core.debate.event.VoteCast;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.core.provider.demo.DemoProvider;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.core.provider.resilience.Sleeper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Engine overhead and heap per running debate under concurrency, against a fake provider of fixed
 * latency. A plain {@code main} program, not a JMH benchmark: what it measures is wall-clock time
 * of many debates blocked on (simulated) LLM calls at once, on virtual threads, which JMH's
 * per-invocation model does not fit.
 *
 * <h2>Workload</h2>
 * Each debate: 5 agents, each backed by a fake provider of fixed latency L — by default
 * {@link FixedLatencyProvider} (blocks L, then returns a canned reply: the CPU measured is the
 * engine's), or with {@code --provider demo} the offline {@code DemoProvider} (which also spends
 * CPU writing its text, so it measures engine + demo) — through the normal
 * {@link StandardAgentFactory} resilience stack; 3 rounds,
 * majority consensus, all-to-all topology. For each concurrency level N (default 1, 100, 1000) all N
 * debates are started together on virtual threads ({@link Arena#run} blocks its caller) and the
 * harness waits for all of them. A warm-up batch runs first and is not reported.
 *
 * <h2>Figures</h2>
 * <ul>
 *   <li><b>critical path</b> of a debate = (number of sequential LLM phases it ran) × L. A phase is
 *       counted when its {@code phase_start} event (proposal, critique, revision, vote, synthesis)
 *       is followed by at least one agent result (message, critique, vote or agent error) before
 *       the next phase starts; convergence and consensus phases make no agent calls. For a majority
 *       debate that used R rounds this is {@code (1 + 2R + 1) × L} — proposal, R × (critique +
 *       revision), vote — and the harness checks the event count against that formula. Debates
 *       that converge early therefore get a shorter critical path, not a flattering ratio.
 *   <li><b>overhead</b> of a debate = its wall time (around {@code Arena.run}) ÷ its critical path;
 *       median and p99 over the batch. <b>batch overhead</b> = batch wall time (start gate to last
 *       debate done) ÷ the longest critical path in the batch.
 *   <li><b>heap per running debate</b>, measured in a separate pass of the same batch so that the
 *       forced GCs do not distort the timing pass: used heap (MemoryMXBean, after two
 *       {@code System.gc()}) before the start, and again when every debate has reached round 1's
 *       revision phase and again when every debate has reached its vote phase; (during − before)
 *       ÷ debates still running at that moment; the larger of the two samples is reported, counting
 *       only samples taken while at least 90% of the batch was still running.
 *   <li><b>RSS</b>: VmRSS and VmHWM (peak, cumulative over the process) from /proc/self/status.
 * </ul>
 * The event sink only counts events, as a server that streams events without keeping them would.
 *
 * <h2>Run</h2>
 * <pre>
 * bench/run-engine-overhead.sh            # builds if needed, -Xmx2g, writes bench/results/engine-overhead.md
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     dev.aragora.bench.EngineOverheadBenchmark [--provider fixed|demo] [--latency-ms 1000] [--concurrency 1,100,1000] \
 *     [--similarity tfidf|embedding] [--embedding-concurrency 1,100] [--warmup 200] [--out FILE]
 * </pre>
 * Without {@code --similarity}, the levels run with TF-IDF and then the {@code --embedding-concurrency}
 * levels run again with embedding similarity; with it, only that backend runs.
 */
public final class EngineOverheadBenchmark {

  static final List<AgentSpec> AGENTS =
      AgentSpec.parseList("demo:pragmatist,demo:skeptic,demo:optimist,demo:economist,demo:engineer");
  static final int ROUNDS = 3;
  static final Set<String> LLM_PHASES = Set.of("proposal", "critique", "revision", "vote", "synthesis");
  static final List<String> QUESTIONS = List.of(
      "Should we migrate our monolith to microservices?",
      "Should we adopt a four-day work week for the engineering team?",
      "Should we move our batch jobs from cron to a workflow engine?",
      "Should we replace our on-premise database with a managed cloud service?",
      "Should we rewrite the billing system in a memory-safe language?",
      "Should we open-source our internal deployment tooling?",
      "Should we require code review from two engineers for every change?",
      "Should we build our own feature-flag service or buy one?");

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private EngineOverheadBenchmark() {}

  record Options(String provider, Duration latency, List<Integer> levels, List<String> backends, List<Integer> embeddingLevels,
                 int warmup, Path out) {}

  /** What one debate did, collected by its sink (called one event at a time, so plain fields). */
  static final class Probe implements EventSink {
    final Batch batch;
    long events;
    long tokens;
    int llmPhases;
    private String phase = "";
    private boolean phaseCalled;
    private boolean sawRevision;
    private boolean sawVote;

    Probe(Batch batch) {
      this.batch = batch;
    }

    @Override
    public void accept(EventEnvelope e) {
      events++;
      switch (e.data()) {
        case PhaseStarted p -> {
          closePhase();
          phase = p.phase();
          if (phase.equals("revision") && e.round() == 1 && !sawRevision) {
            sawRevision = true;
            batch.reachedRevision.countDown();
          }
          if (phase.equals("vote") && !sawVote) {
            sawVote = true;
            batch.reachedVote.countDown();
          }
        }
        case TokenDelta t -> tokens++;
        case AgentMessage m -> phaseCalled = true;
        case CritiquePosted c -> phaseCalled = true;
        case VoteCast v -> phaseCalled = true;
        case AgentError a -> phaseCalled = true;
        case DebateEnded d -> {
          closePhase();
          batch.ended.incrementAndGet();
          // a debate that never reached a milestone must not hold the heap sampler forever
          if (!sawRevision) batch.reachedRevision.countDown();
          if (!sawVote) batch.reachedVote.countDown();
          sawRevision = sawVote = true;
        }
        default -> {}
      }
    }

    private void closePhase() {
      if (phaseCalled && LLM_PHASES.contains(phase)) llmPhases++;
      phase = "";
      phaseCalled = false;
    }
  }

  /** Shared counters of one batch. */
  static final class Batch {
    final CountDownLatch reachedRevision;
    final CountDownLatch reachedVote;
    final AtomicInteger ended = new AtomicInteger();

    Batch(int n) {
      reachedRevision = new CountDownLatch(n);
      reachedVote = new CountDownLatch(n);
    }
  }

  record DebateSample(long wallNanos, int llmPhases, int roundsUsed, DebateStatus status, long events, long tokens) {}

  record HeapSample(String when, long usedBytes, int running) {}

  record LevelResult(String backend, int debates, Duration latency, double medianOverhead, double p99Overhead,
                     double maxOverhead, double batchOverhead, double batchWallSeconds, double throughput,
                     double meanRounds, double meanEvents, double meanTokens, double cpuMsPerDebate, double cpuLoad, long failed, long heapBefore,
                     List<HeapSample> heapSamples, double heapPerDebateBytes, long rssKb, long hwmKb) {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    StringBuilder md = new StringBuilder();
    String header = header(o);
    System.out.println(header);
    md.append(header).append('\n');

    List<LevelResult> results = new ArrayList<>();
    for (String backend : o.backends()) {
      SimilarityScorer similarity = scorer(backend);
      List<Integer> levels = backend.equals("embedding") && o.backends().size() > 1 ? o.embeddingLevels() : o.levels();
      if (levels.isEmpty()) continue;
      Arena arena = arena(similarity, o.latency(), o.provider());
      if (o.warmup() > 0) {
        System.out.printf("warm-up (%s): %d debates ...%n", backend, o.warmup());
        timingPass(arena, o.warmup(), o.latency());
      }
      for (int n : levels) {
        System.out.printf("level %d (%s): timing pass ...%n", n, backend);
        LevelResult r = runLevel(arena, backend, n, o.latency());
        results.add(r);
        System.out.println(describe(r));
      }
    }
    String table = table(results);
    System.out.println();
    System.out.println(table);
    md.append(table).append('\n').append(details(results));
    if (o.out() != null) {
      if (o.out().getParent() != null) Files.createDirectories(o.out().getParent());
      Files.writeString(o.out(), md.toString());
      System.out.println("wrote " + o.out());
    }
    System.exit(0); // the arena's executors and the embedding pool are not daemon-only
  }

  static Arena arena(SimilarityScorer similarity, Duration latency, String provider) {
    var catalog = new ProviderCatalog(Map.of(), HttpClient.newHttpClient(),
        provider.equals("demo") ? spec -> new DemoProvider(spec.model(), latency) : spec -> new FixedLatencyProvider(latency));
    var factory = new StandardAgentFactory(catalog, CostModel.FREE, ProviderEventListener.NONE, false, Sleeper.SYSTEM,
        InstantSource.system(), 3);
    return new Arena(factory, similarity, VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);
  }

  static SimilarityScorer scorer(String backend) {
    if (backend.equals("embedding")) {
      SimilarityScorer s = Similarity.embedding();
      Similarity.preload().toCompletableFuture().join();
      s.similarity("warm the model up", "warm up the model"); // first inference allocates
      return s;
    }
    return Similarity.tfidf();
  }

  static DebateRequest request(int i) {
    return DebateRequest.of(QUESTIONS.get(i % QUESTIONS.size()), AGENTS).withRounds(ROUNDS)
        .withConsensus(ConsensusMode.MAJORITY).withTopology(Topology.ALL_TO_ALL);
  }

  static LevelResult runLevel(Arena arena, String backend, int n, Duration latency) throws Exception {
    Timing t = timingPass(arena, n, latency);

    // heap pass: same batch again, sampled with forced GCs while all debates are in flight
    System.out.printf("level %d (%s): heap pass ...%n", n, backend);
    gc();
    long before = usedHeap();
    Batch batch = new Batch(n);
    List<HeapSample> samples = new ArrayList<>();
    Thread sampler = Thread.ofPlatform().name("heap-sampler").start(() -> {
      try {
        batch.reachedRevision.await();
        samples.add(sample("all in round 1 revision", batch, n));
        batch.reachedVote.await();
        samples.add(sample("all in vote phase", batch, n));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    runBatch(arena, n, batch);
    sampler.join();
    double perDebate = 0;
    for (HeapSample s : samples) {
      // a sample taken after many debates ended measures mostly leftovers, not debates: skip it
      if (s.running() > 0 && s.running() >= 0.9 * n) perDebate = Math.max(perDebate, (double) (s.usedBytes() - before) / s.running());
    }
    long[] rss = rss();

    double[] overheads = new double[n];
    double rounds = 0;
    double events = 0;
    double tokens = 0;
    long failed = 0;
    long maxCritical = 0;
    for (int i = 0; i < n; i++) {
      DebateSample d = t.samples()[i];
      long critical = d.llmPhases() * latency.toNanos();
      maxCritical = Math.max(maxCritical, critical);
      overheads[i] = (double) d.wallNanos() / critical;
      rounds += d.roundsUsed();
      events += d.events();
      tokens += d.tokens();
      if (d.status() == DebateStatus.FAILED || d.status() == DebateStatus.CANCELLED) failed++;
      int expected = 1 + 2 * d.roundsUsed() + 1;
      if (d.llmPhases() != expected)
        System.out.printf("  note: debate %d ran %d LLM phases, formula 1+2R+1 gives %d%n", i, d.llmPhases(), expected);
    }
    Arrays.sort(overheads);
    double batchWall = t.batchWallNanos() / 1e9;
    return new LevelResult(backend, n, latency, percentile(overheads, 0.5), percentile(overheads, 0.99),
        overheads[n - 1], (double) t.batchWallNanos() / maxCritical, batchWall, n / batchWall, rounds / n,
        events / n, tokens / n, t.cpuNanos() / 1e6 / n,
        (double) t.cpuNanos() / t.batchWallNanos() / Runtime.getRuntime().availableProcessors(), failed, before, samples, perDebate, rss[0], rss[1]);
  }

  record Timing(DebateSample[] samples, long batchWallNanos, long cpuNanos) {}

  static Timing timingPass(Arena arena, int n, Duration latency) throws InterruptedException {
    Batch batch = new Batch(n);
    return runBatch(arena, n, batch);
  }

  static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  static Timing runBatch(Arena arena, int n, Batch batch) throws InterruptedException {
    DebateSample[] samples = new DebateSample[n];
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(n);
    Thread[] threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      int id = i;
      threads[i] = Thread.ofVirtual().name("debate-" + i).start(() -> {
        try {
          gate.await();
          Probe probe = new Probe(batch);
          long start = System.nanoTime();
          DebateResult r = arena.run("d-" + id, request(id), probe, new DebateControl());
          long wall = System.nanoTime() - start;
          samples[id] = new DebateSample(wall, probe.llmPhases, r.roundsUsed(), r.status(), probe.events, probe.tokens);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      });
    }
    long cpu = cpuNanos();
    long start = System.nanoTime();
    gate.countDown();
    done.await();
    long wall = System.nanoTime() - start;
    cpu = cpuNanos() - cpu;
    for (Thread th : threads) th.join();
    return new Timing(samples, wall, cpu);
  }

  static HeapSample sample(String when, Batch batch, int n) {
    gc();
    long used = usedHeap();
    return new HeapSample(when, used, n - batch.ended.get());
  }

  static void gc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static long usedHeap() {
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  /** VmRSS and VmHWM in kB, or -1 where /proc is not available. */
  static long[] rss() {
    long[] out = {-1, -1};
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) out[0] = kb(line);
        if (line.startsWith("VmHWM:")) out[1] = kb(line);
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: leave -1
    }
    return out;
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  static double percentile(double[] sorted, double p) {
    int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.clamp(idx, 0, sorted.length - 1)];
  }

  // --- output -------------------------------------------------------------------------------

  static String header(Options o) {
    Runtime rt = Runtime.getRuntime();
    return String.format(Locale.ROOT, """
        # Engine overhead: %s

        - JVM: %s %s, %d CPUs, max heap %d MB, GC %s
        - Workload: 5 agents (%s), %d rounds, majority, all-to-all; provider `%s` with latency L = %d ms
        - Warm-up: %d debates per backend (not reported)
        - Command: `%s`
        """,
        LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), rt.availableProcessors(),
        rt.maxMemory() >> 20,
        String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()),
        String.join(",", AGENTS.stream().map(AgentSpec::name).toList()), ROUNDS, o.provider(), o.latency().toMillis(), o.warmup(),
        System.getProperty("aragora.bench.command", "java ... dev.aragora.bench.EngineOverheadBenchmark"));
  }

  static String describe(LevelResult r) {
    return String.format(Locale.ROOT, "  %s N=%d: overhead median %.3f p99 %.3f batch %.3f, wall %.2f s, %.1f debates/s, "
            + "heap/debate %.0f KB, rounds %.2f, CPU %.1f ms/debate (load %.0f%%), RSS %d MB (peak %d MB)%s",
        r.backend(), r.debates(), r.medianOverhead(), r.p99Overhead(), r.batchOverhead(), r.batchWallSeconds(),
        r.throughput(), r.heapPerDebateBytes() / 1024, r.meanRounds(), r.cpuMsPerDebate(), 100 * r.cpuLoad(), r.rssKb() >> 10, r.hwmKb() >> 10,
        r.failed() > 0 ? ", FAILED " + r.failed() : "");
  }

  static String table(List<LevelResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("| similarity | debates | L | overhead median | p99 | batch wall ÷ critical path | wall | throughput "
        + "| heap / running debate | RSS (peak) |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (LevelResult r : results) {
      b.append(String.format(Locale.ROOT, "| %s | %d | %d ms | %.3f | %.3f | %.3f | %.2f s | %.1f debates/s | %.0f KB | %d MB (%d MB) |%n",
          r.backend(), r.debates(), r.latency().toMillis(), r.medianOverhead(), r.p99Overhead(), r.batchOverhead(),
          r.batchWallSeconds(), r.throughput(), r.heapPerDebateBytes() / 1024, r.rssKb() >> 10, r.hwmKb() >> 10));
    }
    return b.toString();
  }

  static String details(List<LevelResult> results) {
    StringBuilder b = new StringBuilder("\n## Details\n\n");
    b.append("| similarity | debates | mean rounds used | critical path | max overhead | events / debate | tokens / debate "
        + "| CPU / debate | CPU load | failed | heap before | heap samples (used, running) |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (LevelResult r : results) {
      StringBuilder s = new StringBuilder();
      for (HeapSample h : r.heapSamples()) {
        if (!s.isEmpty()) s.append("; ");
        s.append(String.format(Locale.ROOT, "%s: %d MB, %d", h.when(), h.usedBytes() >> 20, h.running()));
      }
      double critical = (1 + 2 * r.meanRounds() + 1) * r.latency().toMillis() / 1000.0;
      b.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f s | %.3f | %.0f | %.0f | %.1f ms | %.0f%% | %d | %d MB | %s |%n",
          r.backend(), r.debates(), r.meanRounds(), critical, r.maxOverhead(), r.meanEvents(), r.meanTokens(),
          r.cpuMsPerDebate(), 100 * r.cpuLoad(), r.failed(),
          r.heapBefore() >> 20, s));
    }
    return b.toString();
  }

  // --- arguments ------------------------------------------------------------------------------

  static Options parse(String[] args) {
    Duration latency = Duration.ofMillis(1000);
    String provider = "fixed";
    List<Integer> levels = List.of(1, 100, 1000);
    List<Integer> embeddingLevels = List.of(1, 100);
    List<String> backends = List.of("tfidf", "embedding");
    int warmup = 200;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      if (v == null && !a.equals("--help")) throw new IllegalArgumentException(a + " needs a value");
      switch (a) {
        case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(v));
        case "--concurrency" -> levels = ints(v);
        case "--embedding-concurrency" -> embeddingLevels = v.isBlank() || v.equals("none") ? List.of() : ints(v);
        case "--similarity" -> {
          String s = v.strip().toLowerCase(Locale.ROOT);
          if (!s.equals("tfidf") && !s.equals("embedding")) throw new IllegalArgumentException("--similarity tfidf|embedding");
          backends = List.of(s);
        }
        case "--provider" -> {
          provider = v.strip().toLowerCase(Locale.ROOT);
          if (!provider.equals("fixed") && !provider.equals("demo")) throw new IllegalArgumentException("--provider fixed|demo");
        }
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--out" -> out = Path.of(v);
        case "--help" -> {
          System.out.println("EngineOverheadBenchmark [--provider fixed|demo] [--latency-ms 1000] [--concurrency 1,100,1000] "
              + "[--similarity tfidf|embedding] [--embedding-concurrency 1,100|none] [--warmup 200] [--out FILE]");
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
      i++;
    }
    return new Options(provider, latency, levels, backends, embeddingLevels, warmup, out);
  }

  private static List<Integer> ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
  }
}
