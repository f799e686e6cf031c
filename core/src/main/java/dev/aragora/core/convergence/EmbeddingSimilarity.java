package dev.aragora.core.convergence;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Cosine similarity of sentence embeddings (all-MiniLM-L6-v2, quantized, run in-process),
 * clamped to [0, 1]: the model's cosine can dip slightly below 0 for unrelated texts.
 *
 * <p>Vectors are kept in a {@link VectorCache} keyed by text (bounded in size and age), and {@link #similarities}
 * embeds every uncached text of a convergence check in one batch. Identical texts score 1 without
 * embedding; a blank text scores 0 against anything else.
 */
final class EmbeddingSimilarity implements SimilarityScorer {
  static final String METHOD = "embedding";
  private final TextEmbedder embedder;
  private final VectorCache cache;
  private final Runnable prepare;

  EmbeddingSimilarity(TextEmbedder embedder, EmbeddingCache cache) {
    this(embedder, cache, () -> {});
  }

  /** @param prepare what {@link #prepare()} does, e.g. start loading the model behind {@code embedder} */
  EmbeddingSimilarity(TextEmbedder embedder, EmbeddingCache cache, Runnable prepare) {
    this(embedder, cache, prepare, System::nanoTime);
  }

  /** @param nanoTime the clock the cache's entries age by */
  EmbeddingSimilarity(TextEmbedder embedder, EmbeddingCache cache, Runnable prepare, LongSupplier nanoTime) {
    this.embedder = requireNonNull(embedder, "embedder is null");
    this.cache = new VectorCache(requireNonNull(cache, "cache is null"), nanoTime);
    this.prepare = requireNonNull(prepare, "prepare is null");
  }

  @Override
  public void prepare() {
    prepare.run();
  }

  @Override
  public double similarity(String a, String b) {
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    if (a.equals(b)) return 1.0;
    return similarities(List.of(a), List.of(b))[0];
  }

  @Override
  public double[] similarities(List<String> first, List<String> second) {
    requireNonNull(first, "first is null");
    requireNonNull(second, "second is null");
    if (first.size() != second.size())
      throw new IllegalArgumentException("sizes differ: " + first.size() + " vs " + second.size());
    Map<String, float[]> vectors = vectorsFor(first, second);
    double[] scores = new double[first.size()];
    for (int i = 0; i < scores.length; i++) {
      String a = first.get(i);
      String b = second.get(i);
      if (a.equals(b)) scores[i] = 1.0;
      else if (a.isBlank() || b.isBlank()) scores[i] = 0.0;
      else scores[i] = Math.clamp(Similarity.cosine(vectors.get(a), vectors.get(b)), 0.0, 1.0);
    }
    return scores;
  }

  @Override
  public String method() {
    return METHOD;
  }

  /** Looks every non-blank text up in the cache and embeds the missing ones in one call. */
  private Map<String, float[]> vectorsFor(List<String> first, List<String> second) {
    Set<String> texts = new LinkedHashSet<>();
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i).equals(second.get(i))) continue;
      texts.add(first.get(i));
      texts.add(second.get(i));
    }
    Map<String, float[]> vectors = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String text : texts) {
      if (text.isBlank()) continue;
      float[] cached = cache.get(text);
      if (cached != null) vectors.put(text, cached);
      else missing.add(text);
    }
    if (!missing.isEmpty()) {
      List<float[]> embedded = embedder.embedAll(missing);
      if (embedded.size() != missing.size())
        throw new IllegalStateException(
            "embedder returned " + embedded.size() + " vectors for " + missing.size() + " texts");
      for (int i = 0; i < missing.size(); i++) {
        vectors.put(missing.get(i), embedded.get(i));
        cache.put(missing.get(i), embedded.get(i));
      }
    }
    return vectors;
  }
}
