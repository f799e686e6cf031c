package dev.aragora.core.convergence;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Where {@link SimilarityScorer}s come from. Backends: {@value #EMBEDDING} (the bundled
 * all-MiniLM-L6-v2 sentence-embedding model, in-process, no network) and {@value #TFIDF} (no model,
 * microseconds). {@link #named} takes the value of {@value #ENV_VAR}.
 */
public final class Similarity {
  /** Environment variable that picks the backend: {@value #AUTO} (default), embedding or tfidf. */
  public static final String ENV_VAR = "ARAGORA_SIMILARITY_BACKEND";
  public static final String AUTO = "auto";
  public static final String EMBEDDING = EmbeddingSimilarity.METHOD;
  public static final String TFIDF = TfIdfSimilarity.METHOD;
  /** The bundled sentence-embedding model's name, stored beside the vectors it makes. */
  public static final String EMBEDDING_MODEL = "all-MiniLM-L6-v2-q";

  private static final SimilarityScorer TFIDF_SCORER = new TfIdfSimilarity();

  private Similarity() {}

  /**
   * Embedding similarity when the model loads, otherwise TF-IDF with a one-line warning. The model
   * starts loading in the background at {@link SimilarityScorer#prepare()} (or the first score, which
   * waits for it).
   */
  public static SimilarityScorer best() {
    return best(EmbeddingCache.DEFAULT);
  }

  /** {@link #best()} keeping embeddings as {@code cache} says. */
  public static SimilarityScorer best(EmbeddingCache cache) {
    return new AutoSimilarity(MiniLm::load, cache);
  }

  /**
   * Embedding similarity only: the model loads at {@link SimilarityScorer#prepare()} or the first
   * score, and if it cannot load, scoring throws {@link IllegalStateException}. Each scorer keeps
   * its own bounded cache of recent answers' vectors.
   */
  public static SimilarityScorer embedding() {
    return embedding(EmbeddingCache.DEFAULT);
  }

  /** {@link #embedding()} keeping embeddings as {@code cache} says. */
  public static SimilarityScorer embedding(EmbeddingCache cache) {
    return new EmbeddingSimilarity(Similarity::embedWithModel, cache, MiniLm::load);
  }

  /** Cosine of two vectors of equal length; 0 when either is all zeros. */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length)
      throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    if (normA == 0 || normB == 0) return 0.0;
    return dot / Math.sqrt(normA * normB);
  }

  /** TF-IDF cosine over the two texts; stateless and shared. */
  public static SimilarityScorer tfidf() {
    return TFIDF_SCORER;
  }

  /**
   * The backend called {@code name} (case-insensitive): "embedding", "tfidf", or "auto" for
   * {@link #best()}. Null or blank also means auto.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static SimilarityScorer named(String name) {
    return named(name, EmbeddingCache.DEFAULT);
  }

  /** {@link #named(String)}, the embedding backends keeping embeddings as {@code cache} says. */
  public static SimilarityScorer named(String name, EmbeddingCache cache) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "", AUTO -> best(cache);
      case EMBEDDING -> embedding(cache);
      case TFIDF -> tfidf();
      default -> throw new IllegalArgumentException("unknown similarity backend '" + name
          + "' (" + ENV_VAR + " takes auto, embedding or tfidf)");
    };
  }

  /**
   * Starts loading the embedding model in the background, if not already started, so that no
   * debate waits for it later. The stage completes when the model is ready, or exceptionally if it
   * cannot load.
   */
  public static CompletionStage<Void> preload() {
    return MiniLm.load().thenApply(model -> null);
  }

  /**
   * Embeds {@code texts} (none blank) with the bundled model, {@value #EMBEDDING_MODEL}, one vector
   * per text in order, waiting for the model to load.
   *
   * @throws IllegalStateException if the model cannot load
   */
  public static List<float[]> embed(List<String> texts) {
    return embedWithModel(texts);
  }

  private static List<float[]> embedWithModel(List<String> texts) {
    TextEmbedder model;
    try {
      model = MiniLm.load().join();
    } catch (CompletionException e) {
      throw new IllegalStateException("embedding model failed to load", e.getCause());
    }
    return model.embedAll(texts);
  }
}
