package dev.aragora.core.agent;

import java.util.List;

/** Cognitive roles handed out to agents in debate order, so a team does not think alike. */
public final class Stances {
  private static final List<String> ROLES = List.of("analyst", "skeptic", "lateral thinker", "synthesizer",
      "advocate", "devil's advocate");
  private static final List<String> FOCUS = List.of(
      "weigh the evidence and the trade-offs.",
      "look for what could go wrong and what is unproven.",
      "look for options others have not considered.",
      "look for the position most can agree on.",
      "make the strongest case for the most promising option.",
      "argue against the emerging view where it is weak.");

  private Stances() {}

  public static String role(int index) {
    return ROLES.get(index % ROLES.size());
  }

  public static String stance(int index) {
    return "Your role in this debate: " + role(index) + " — " + FOCUS.get(index % FOCUS.size());
  }
}
