package dev.aragora.core.debate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Who critiques whom in a round. Agents are identified by their index in the debate's order. */
public enum Topology {
  /** Every agent critiques every other agent. */
  ALL_TO_ALL,
  /** Agent i critiques agent i+1 (the last critiques the first). */
  RING,
  /** The first agent (the hub) critiques everyone, and everyone critiques the hub. */
  STAR,
  /** In round r agent i critiques agent i+r (mod n, skipping itself), so partners rotate. */
  ROUND_ROBIN;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Topology parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (Topology topology : values()) {
      if (topology.wire().equals(t)) return topology;
    }
    throw new IllegalArgumentException("unknown topology '" + text + "'; expected one of "
        + Arrays.stream(values()).map(Topology::wire).toList());
  }

  /** Critic → target pairs for {@code round} (1-based) among {@code n} agents. */
  public List<int[]> pairs(int n, int round) {
    List<int[]> pairs = new ArrayList<>();
    if (n < 2) return pairs;
    switch (this) {
      case ALL_TO_ALL -> {
        for (int critic = 0; critic < n; critic++)
          for (int target = 0; target < n; target++)
            if (critic != target) pairs.add(new int[] {critic, target});
      }
      case RING -> {
        for (int critic = 0; critic < n; critic++) pairs.add(new int[] {critic, (critic + 1) % n});
      }
      case STAR -> {
        for (int spoke = 1; spoke < n; spoke++) {
          pairs.add(new int[] {0, spoke});
          pairs.add(new int[] {spoke, 0});
        }
      }
      case ROUND_ROBIN -> {
        int offset = 1 + (Math.max(round, 1) - 1) % (n - 1);
        for (int critic = 0; critic < n; critic++) pairs.add(new int[] {critic, (critic + offset) % n});
      }
    }
    return pairs;
  }
}
