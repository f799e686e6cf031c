package dev.aragora.core.convergence;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Embedding similarity if the model loads, TF-IDF if it does not. The model loads in the
 * background; the first score waits for it (by the first convergence check, usually after two
 * rounds of LLM calls, it has long finished), then the choice is fixed for this scorer.
 */
final class AutoSimilarity implements SimilarityScorer {
  private static final System.Logger LOG = System.getLogger(AutoSimilarity.class.getName());
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private final Supplier<CompletableFuture<TextEmbedder>> model;
  private final EmbeddingCache cache;
  private volatile SimilarityScorer delegate;

  /** @param model starts the load on its first call and returns the same future on every call */
  AutoSimilarity(Supplier<CompletableFuture<TextEmbedder>> model, EmbeddingCache cache) {
    this.model = model;
    this.cache = cache;
  }

  @Override
  public void prepare() {
    model.get();
  }

  @Override
  public double similarity(String a, String b) {
    return delegate().similarity(a, b);
  }

  @Override
  public double[] similarities(List<String> first, List<String> second) {
    return delegate().similarities(first, second);
  }

  /** The backend in use; "embedding" while the model is still loading (the expected outcome). */
  @Override
  public String method() {
    SimilarityScorer chosen = delegate;
    if (chosen != null) return chosen.method();
    return model.get().isDone() ? delegate().method() : EmbeddingSimilarity.METHOD;
  }

  private SimilarityScorer delegate() {
    SimilarityScorer chosen = delegate;
    if (chosen == null) {
      synchronized (this) {
        chosen = delegate;
        if (chosen == null) delegate = chosen = choose();
      }
    }
    return chosen;
  }

  private SimilarityScorer choose() {
    try {
      return new EmbeddingSimilarity(model.get().join(), cache);
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (WARNED.compareAndSet(false, true))
        LOG.log(Level.WARNING, "Embedding model unavailable (" + cause
            + "); convergence falls back to TF-IDF similarity");
      return Similarity.tfidf();
    }
  }
}
