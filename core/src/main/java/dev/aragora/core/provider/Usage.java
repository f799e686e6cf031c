package dev.aragora.core.provider;

/** Tokens billed for one call, as the vendor reported them. */
public record Usage(long inputTokens, long outputTokens) {
  public static final Usage ZERO = new Usage(0, 0);

  public Usage {
    if (inputTokens < 0 || outputTokens < 0) throw new IllegalArgumentException("negative token count");
  }

  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
