package dev.aragora.core.debate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

public enum ConsensusMode {
  MAJORITY, WEIGHTED, SUPERMAJORITY, UNANIMOUS, JUDGE, NONE;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConsensusMode parse(String text) {
    for (ConsensusMode mode : values()) {
      if (mode.wire().equalsIgnoreCase(text.trim())) return mode;
    }
    throw new IllegalArgumentException("unknown consensus mode '" + text + "'; expected one of "
        + Arrays.stream(values()).map(ConsensusMode::wire).toList());
  }
}
