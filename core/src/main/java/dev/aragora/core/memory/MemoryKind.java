package dev.aragora.core.memory;

import java.util.Locale;

/** What a memory entry records of a finished debate. */
public enum MemoryKind {
  /** The decision: the final answer and its confidence. */
  CONSENSUS,
  /** A position that did not win, with the agent that held it. */
  DISSENT;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind called {@code text} (case-insensitive). */
  public static MemoryKind parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown memory kind '" + text + "' (consensus, dissent)");
    }
  }
}
