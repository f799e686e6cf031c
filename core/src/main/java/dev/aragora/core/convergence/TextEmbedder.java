package dev.aragora.core.convergence;

import java.util.List;

/** Turns texts into vectors, one per text, in order. Texts are never blank. */
@FunctionalInterface
interface TextEmbedder {
  List<float[]> embedAll(List<String> texts);
}
