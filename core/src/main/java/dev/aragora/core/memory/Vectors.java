package dev.aragora.core.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Embedding vectors: cosine similarity, and a portable text form (base64 of little-endian float32). */
public final class Vectors {
  private static final float[] NONE = new float[0];

  private Vectors() {}

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

  /** The vector as base64 text; "" for an empty vector. */
  public static String encode(float[] vector) {
    if (vector.length == 0) return "";
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /** The inverse of {@link #encode}; "" or null gives an empty vector. */
  public static float[] decode(String text) {
    if (text == null || text.isEmpty()) return NONE;
    byte[] bytes = Base64.getDecoder().decode(text);
    if (bytes.length % Float.BYTES != 0)
      throw new IllegalArgumentException("vector text is " + bytes.length + " bytes, not a whole number of floats");
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
