package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

/**
 * What to look for: a text and, when a model is at hand, its embedding.
 *
 * @param vector the text's embedding; empty to match by TF-IDF only
 * @param model the embedding model's name; "" with an empty vector
 */
public record MemoryQuery(String text, float[] vector, String model) {
  public MemoryQuery {
    requireNonNull(text, "text is null");
    vector = vector == null ? new float[0] : vector.clone();
    model = vector.length == 0 || model == null ? "" : model;
  }

  /** The query for {@code text}, embedded by {@code embedder} (no vector if it has no model). */
  public static MemoryQuery of(String text, MemoryEmbedder embedder) {
    String stripped = text.strip();
    float[] vector = embedder.embed(stripped);
    return new MemoryQuery(stripped, vector, embedder.model());
  }

  @Override
  public float[] vector() {
    return vector.clone();
  }

  float[] vectorView() {
    return vector;
  }
}
