package dev.aragora.core.provider.demo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stances a demo identity can take, ordered from most to least in favour of acting. */
enum DemoPosition {
  ADOPT("adopt"),
  CONDITIONAL("adopt with conditions"),
  PILOT("staged pilot"),
  MORE_DATA("needs more data"),
  REJECT("reject");

  private static final Pattern LABEL = Pattern.compile("(?:Position|Decision) \\(([a-z ]+)\\):");

  final String label;

  DemoPosition(String label) {
    this.label = label;
  }

  /** The headline sentence for this position on {@code topic}. */
  String headline(DemoTopic topic) {
    String a = topic.action();
    String f = topic.focus();
    if (a != null) {
      return switch (this) {
        case ADOPT -> "yes, go ahead and " + a + ".";
        case CONDITIONAL -> "yes to the plan to " + a + ", but only under explicit conditions.";
        case PILOT -> "not all at once; run a staged pilot first, then decide whether to " + a + ".";
        case MORE_DATA -> "hold off; we need more data before deciding whether to " + a + ".";
        case REJECT -> "no, we should not " + a + "; the case against it is stronger.";
      };
    }
    return switch (this) {
      case ADOPT -> "pick the most ambitious option for " + f + " and commit to it.";
      case CONDITIONAL -> "pick the ambitious option for " + f + ", but only under explicit conditions.";
      case PILOT -> "trial the two leading options for " + f + " side by side before choosing.";
      case MORE_DATA -> "hold off; we need more data on " + f + " before choosing.";
      case REJECT -> "stay with the conservative, proven option for " + f + ".";
    };
  }

  /** 1 for the same position, falling by 0.25 per step along the scale. */
  double affinity(DemoPosition other) {
    return 1.0 - 0.25 * Math.abs(ordinal() - other.ordinal());
  }

  /**
   * The position a text argues for: the label of a demo headline when there is one, else a keyword
   * guess from its first lines, else {@link #CONDITIONAL}.
   */
  static DemoPosition detect(String text) {
    Matcher m = LABEL.matcher(text);
    if (m.find()) for (DemoPosition p : values()) if (p.label.equals(m.group(1))) return p;
    String head = text.length() > 400 ? text.substring(0, 400) : text;
    head = head.toLowerCase(Locale.ROOT);
    if (containsAny(head, "more data", "more evidence", "hold off", "too early")) return MORE_DATA;
    if (containsAny(head, "pilot", "trial", "staged", "incremental", "step by step")) return PILOT;
    if (containsAny(head, "only if", "condition", "provided that", "as long as")) return CONDITIONAL;
    if (containsAny(head, "should not", "do not", "don't", "reject", "against", "no,", "not worth")) return REJECT;
    if (containsAny(head, "yes", "go ahead", "adopt", "commit", "should ")) return ADOPT;
    return CONDITIONAL;
  }

  private static boolean containsAny(String text, String... needles) {
    for (String n : needles) if (text.contains(n)) return true;
    return false;
  }
}
