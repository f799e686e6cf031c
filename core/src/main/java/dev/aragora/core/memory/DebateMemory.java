package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.DissentRecord;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Memory for debates: remembers each decided debate's consensus and dissent, and recalls those of
 * the most similar past questions into a new debate's context (the engine's context phase).
 *
 * <p>Recall is bounded three ways: at most {@code recallLimit} decisions and as many dissents, each
 * at least {@code minSimilarity} alike, in a block of at most {@value #MAX_CONTEXT_CHARS} characters.
 */
public final class DebateMemory {
  /** A scope for callers without tenants (the server gives each tenant its own scope, "tenant:<id>"). */
  public static final String GLOBAL = "global";
  public static final int MAX_CONTEXT_CHARS = 2000;
  static final String HEADING = "Past decisions on similar questions (from earlier debates; weigh them, do not "
      + "just repeat them):";
  static final String DISSENT_HEADING = "Dissent recorded on them:";

  private static final int QUESTION_CHARS = 160;
  private static final int DECISION_CHARS = 500;
  private static final int DISSENT_CHARS = 300;

  private final MemoryStore store;
  private final MemoryEmbedder embedder;
  private final InstantSource clock;
  private final int recallLimit;
  private final double minSimilarity;

  /**
   * @param recallLimit most decisions (and most dissents) recalled into one debate; 0 turns recall off
   * @param minSimilarity least similarity, in [0, 1], of a recalled entry's question to the new one
   */
  public DebateMemory(MemoryStore store, MemoryEmbedder embedder, InstantSource clock, int recallLimit,
                      double minSimilarity) {
    this.store = requireNonNull(store, "store is null");
    this.embedder = requireNonNull(embedder, "embedder is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (recallLimit < 0) throw new IllegalArgumentException("recallLimit < 0: " + recallLimit);
    if (!(minSimilarity >= 0 && minSimilarity <= 1))
      throw new IllegalArgumentException("minSimilarity must be in [0, 1]: " + minSimilarity);
    this.recallLimit = recallLimit;
    this.minSimilarity = minSimilarity;
  }

  public double minSimilarity() {
    return minSimilarity;
  }

  /**
   * Stores a decided debate (consensus reached or completed, with a final answer): its decision and
   * each dissenting view, as new FAST entries of {@code scope}. Returns what was stored; nothing for
   * a debate that failed, was cancelled or suspended.
   */
  public List<MemoryEntry> remember(String scope, DebateResult result) {
    requireNonNull(result, "result is null");
    boolean decided = result.status() == DebateStatus.CONSENSUS_REACHED || result.status() == DebateStatus.COMPLETED;
    if (!decided || result.finalAnswer().isBlank() || result.task() == null || result.task().isBlank())
      return List.of();
    float[] vector = embedder.embed(result.task().strip());
    String model = vector.length == 0 ? "" : embedder.model();
    Instant now = clock.instant();
    List<MemoryEntry> entries = new ArrayList<>();
    entries.add(MemoryEntry.create(scope, MemoryKind.CONSENSUS, result.debateId(), result.winner(), result.task(),
        result.finalAnswer(), result.confidence(), vector, model, now));
    for (DissentRecord dissent : result.dissentingViews()) {
      if (dissent.position() == null || dissent.position().isBlank()) continue;
      entries.add(MemoryEntry.create(scope, MemoryKind.DISSENT, result.debateId(), dissent.agent(), result.task(),
          dissent.position(), dissent.confidence(), vector, model, now));
    }
    for (MemoryEntry entry : entries) store.put(entry);
    return entries;
  }

  /**
   * The context block for a new debate on {@code question}: the most similar past decisions and
   * dissents of {@code scope}. Nothing is marked used; call {@link #used} once the debate is admitted.
   */
  public Recollection recall(String scope, String question) {
    if (recallLimit == 0) return Recollection.NONE;
    MemoryQuery query = MemoryQuery.of(question, embedder);
    List<Match> decisions = store.search(scope, query, Set.of(MemoryKind.CONSENSUS), recallLimit, minSimilarity);
    List<Match> dissents = store.search(scope, query, Set.of(MemoryKind.DISSENT), recallLimit, minSimilarity);
    return format(decisions, dissents);
  }

  /** Marks the entries a debate was given as used: the use that renews and promotes them. */
  public void used(Recollection recollection) {
    if (!recollection.isEmpty()) store.markUsed(recollection.ids());
  }

  /** Up to {@code limit} entries of {@code scope} whose questions are at least {@code min} alike to {@code text}; not a use. */
  public List<Match> similar(String scope, String text, int limit, double min) {
    MemoryQuery query = MemoryQuery.of(text, embedder);
    return store.search(scope, query, Set.of(MemoryKind.CONSENSUS, MemoryKind.DISSENT), limit, min);
  }

  /** The block quoting {@code decisions} then {@code dissents}, cut to {@value #MAX_CONTEXT_CHARS} characters. */
  static Recollection format(List<Match> decisions, List<Match> dissents) {
    if (decisions.isEmpty() && dissents.isEmpty()) return Recollection.NONE;
    StringBuilder block = new StringBuilder(HEADING);
    List<Match> quoted = new ArrayList<>();
    int n = 0;
    for (Match m : decisions) {
      MemoryEntry e = m.entry();
      String line = "\n" + (n + 1) + ". \"" + cut(e.question(), QUESTION_CHARS) + "\" (similarity "
          + two(m.similarity()) + "): decided with confidence " + two(e.confidence()) + ": "
          + cut(e.text(), DECISION_CHARS);
      if (block.length() + line.length() > MAX_CONTEXT_CHARS) break;
      block.append(line);
      quoted.add(m);
      n++;
    }
    boolean headed = false;
    for (Match m : dissents) {
      MemoryEntry e = m.entry();
      String heading = headed ? "" : "\n" + DISSENT_HEADING;
      String line = "\n- " + (e.agent().isEmpty() ? "an agent" : e.agent()) + " on \""
          + cut(e.question(), QUESTION_CHARS) + "\": " + cut(e.text(), DISSENT_CHARS);
      if (block.length() + heading.length() + line.length() > MAX_CONTEXT_CHARS) break;
      block.append(heading).append(line);
      headed = true;
      quoted.add(m);
    }
    if (quoted.isEmpty()) return Recollection.NONE;
    return new Recollection(block.toString(), quoted);
  }

  private static String cut(String text, int max) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.length() <= max) return flat;
    int end = max - 1;
    if (Character.isHighSurrogate(flat.charAt(end - 1))) end--;
    return flat.substring(0, end) + "…";
  }

  private static String two(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
