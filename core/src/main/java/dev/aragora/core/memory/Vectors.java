package dev.aragora.core.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/** Embedding vectors: cosine similarity, and a portable text form (base64 of little-endian float32). */
public final class Vectors {
  private static final float[] NONE = new float[0];

  private Vectors() {}

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
