package dev.aragora.core.provider;

/** Prices a call. The default implementation reads the bundled price table (prices.csv). */
@FunctionalInterface
public interface CostModel {
  CostModel FREE = (provider, model, usage) -> 0.0;

  /** US dollars for {@code usage} on {@code model} served by {@code provider}; 0 when unknown. */
  double costUsd(String provider, String model, Usage usage);
}
