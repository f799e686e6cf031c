package dev.aragora.core.memory;

import dev.aragora.core.convergence.Similarity;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/** Turns a question into the vector memory searches by; an embedder without a model leaves matching to TF-IDF. */
public interface MemoryEmbedder {
  /** The model's name, stored beside each vector; "" when there is none. */
  String model();

  /** The text's embedding; empty when there is no model (or the text is blank). */
  float[] embed(String text);

  /** No model: entries are stored without vectors and matched by TF-IDF. */
  static MemoryEmbedder none() {
    return new MemoryEmbedder() {
      @Override
      public String model() {
        return "";
      }

      @Override
      public float[] embed(String text) {
        return new float[0];
      }
    };
  }

  /**
   * The bundled all-MiniLM-L6-v2 model. If it cannot load, {@code required} makes every call throw
   * {@link IllegalStateException}; otherwise calls return no vector (TF-IDF matching), with one warning.
   */
  static MemoryEmbedder bundled(boolean required) {
    AtomicBoolean warned = new AtomicBoolean();
    return new MemoryEmbedder() {
      @Override
      public String model() {
        return Similarity.EMBEDDING_MODEL;
      }

      @Override
      public float[] embed(String text) {
        if (text.isBlank()) return new float[0];
        try {
          return Similarity.embed(List.of(text)).getFirst();
        } catch (IllegalStateException e) {
          if (required) throw e;
          if (warned.compareAndSet(false, true))
            System.getLogger(MemoryEmbedder.class.getName()).log(Level.WARNING,
                "Embedding model unavailable (" + e.getCause() + "); memory recall falls back to TF-IDF");
          return new float[0];
        }
      }
    };
  }

  /**
   * The embedder for an ARAGORA_SIMILARITY_BACKEND value: "tfidf" none, "embedding" the model
   * (required), "auto" (or blank) the model with TF-IDF as fallback.
   */
  static MemoryEmbedder forBackend(String backend) {
    String key = backend == null ? "" : backend.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case Similarity.TFIDF -> none();
      case Similarity.EMBEDDING -> bundled(true);
      case "", Similarity.AUTO -> bundled(false);
      default -> throw new IllegalArgumentException("unknown similarity backend '" + backend + "'");
    };
  }
}
