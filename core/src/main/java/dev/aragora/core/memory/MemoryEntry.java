package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.convergence.Similarity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One remembered piece of a finished debate: its decision or one dissenting view, with the question
 * it answered (what recall matches on) and that question's embedding.
 *
 * @param scope whose memory this is ("global" until tenants exist)
 * @param agent the dissenting agent, or the winner for a consensus ("" when none)
 * @param question the debate's question, at most {@value #MAX_QUESTION_BYTES} UTF-8 bytes
 * @param text the final answer or the dissenting position, at most {@value #MAX_TEXT_BYTES} UTF-8 bytes
 * @param vector the question's embedding; empty when stored without a model (matched by TF-IDF)
 * @param model the embedding model's name; "" with an empty vector
 * @param placement its tier, counters and expiry; {@code placement.bytes()} is the UTF-8 size of question and text
 */
public record MemoryEntry(String scope, MemoryKind kind, String debateId, String agent, String question, String text,
                          double confidence, float[] vector, String model, Instant createdAt, Placement placement) {
  public static final int MAX_QUESTION_BYTES = 512;
  public static final int MAX_TEXT_BYTES = 1536;
  public static final int MAX_SCOPE_CHARS = 200;

  public MemoryEntry {
    requireNonNull(scope, "scope is null");
    if (scope.isBlank() || scope.length() > MAX_SCOPE_CHARS)
      throw new IllegalArgumentException("scope must be 1 to " + MAX_SCOPE_CHARS + " characters");
    requireNonNull(kind, "kind is null");
    requireNonNull(debateId, "debateId is null");
    agent = agent == null ? "" : agent;
    requireNonNull(question, "question is null");
    requireNonNull(text, "text is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(placement, "placement is null");
    vector = vector == null ? new float[0] : vector.clone();
    model = model == null ? "" : model;
    if (!Double.isFinite(confidence)) throw new IllegalArgumentException("confidence is not finite");
    int bytes = utf8(question) + utf8(text);
    if (placement.bytes() != bytes)
      throw new IllegalArgumentException("placement says " + placement.bytes() + " bytes, the entry has " + bytes);
  }

  /**
   * A new entry created at {@code now} in {@link MemoryTier#FAST}, with a fresh id; the question and
   * text are cut (at a character boundary, marked "…") to their byte limits.
   */
  public static MemoryEntry create(String scope, MemoryKind kind, String debateId, String agent, String question,
                                   String text, double confidence, float[] vector, String model, Instant now) {
    String q = clip(question.strip(), MAX_QUESTION_BYTES);
    String t = clip(text.strip(), MAX_TEXT_BYTES);
    String id = "mem_" + UUID.randomUUID().toString().replace("-", "");
    return new MemoryEntry(scope, kind, debateId, agent, q, t, confidence, vector, model, now,
        TierPolicy.enter(id, utf8(q) + utf8(t), now));
  }

  public String id() {
    return placement.id();
  }

  public MemoryTier tier() {
    return placement.tier();
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  /** This entry at another placement (same id and size). */
  public MemoryEntry at(Placement other) {
    if (!other.id().equals(id())) throw new IllegalArgumentException("placement of another entry: " + other.id());
    return new MemoryEntry(scope, kind, debateId, agent, question, text, confidence, vector, model, createdAt, other);
  }

  /**
   * How alike {@code query} is to this entry's question, in [0, 1]: the cosine of the embeddings when
   * both have one from the same model, otherwise TF-IDF over the two texts.
   */
  public double similarityTo(MemoryQuery query) {
    float[] other = query.vectorView();
    if (other.length > 0 && other.length == vector.length && !model.isEmpty() && model.equals(query.model()))
      return Math.clamp(Similarity.cosine(other, vector), 0.0, 1.0);
    return Similarity.tfidf().similarity(query.text(), question);
  }

  static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** {@code text} if it fits in {@code maxBytes} of UTF-8, else its longest prefix that fits with "…". */
  static String clip(String text, int maxBytes) {
    if (utf8(text) <= maxBytes) return text;
    int budget = maxBytes - 3; // "…" is 3 bytes
    int used = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + size > budget) break;
      used += size;
      end += Character.charCount(cp);
    }
    return text.substring(0, end) + "…";
  }
}
