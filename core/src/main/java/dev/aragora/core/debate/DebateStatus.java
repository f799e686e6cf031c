package dev.aragora.core.debate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum DebateStatus {
  CONSENSUS_REACHED, COMPLETED, INSUFFICIENT_PARTICIPATION, FAILED, CANCELLED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
