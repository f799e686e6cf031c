package dev.aragora.core.debate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a debate run ended. {@link #SUSPENDED} is not an end: the run stopped at
 * {@link DebateControl#suspend} without a {@code debate_end} event, and is continued by
 * {@link Arena#resume}; such a result is not a decision and is not stored as one.
 */
public enum DebateStatus {
  CONSENSUS_REACHED, COMPLETED, INSUFFICIENT_PARTICIPATION, FAILED, CANCELLED, SUSPENDED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
