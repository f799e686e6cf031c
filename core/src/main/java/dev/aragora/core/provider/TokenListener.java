package dev.aragora.core.provider;

/** Receives streamed text deltas in order. Called on the thread that runs the call. */
@FunctionalInterface
public interface TokenListener {
  TokenListener NONE = delta -> {};

  void onToken(String delta);
}
