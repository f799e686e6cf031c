package dev.aragora.core.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompts an agent sends, and the one contract every provider's replies must meet:
 * proposals, revisions and syntheses are free text; critiques and votes are one JSON object.
 *
 * <p>Texts by other agents are quoted between {@code --- BEGIN <name> ---} and
 * {@code --- END <name> ---} lines; {@link #section} reads them back (the demo provider uses it to
 * point at specific claims).
 */
public final class Prompts {
  public static final String CRITIQUE_FORMAT = """
      Reply with one JSON object and nothing else:
      {"issues": ["specific problem", ...], "suggestions": ["concrete fix", ...], \
      "severity": <0-10, 10 = fatal>, "reasoning": "one or two sentences"}""";
  public static final String VOTE_FORMAT = """
      Reply with one JSON object and nothing else:
      {"choice": "<agent name exactly as given>", "confidence": <0.0-1.0>, \
      "reasoning": "why", "continue_debate": <true if more rounds would change your mind>}""";
  public static final String JUDGE_VOTE_FORMAT = """
      Reply with one JSON object and nothing else:
      {"choice": "accept" or "reject", "confidence": <0.0-1.0>, "reasoning": "why", "continue_debate": false}""";

  private static final String BEGIN = "--- BEGIN ";
  private static final String END = "--- END ";
  private static final String MARK_TAIL = " ---";

  private Prompts() {}

  public static String system(String agentName, String stance) {
    return "You are " + agentName + ", one of several independent experts in a structured debate. "
        + "Think for yourself, be specific, and change your position only for good reasons. " + stance;
  }

  public static String proposal(String question, String context) {
    return question(question, context) + "\n\nGive your answer: a clear position first, then the key reasons.";
  }

  public static String critique(String question, String target, String targetText) {
    return "Question: " + question + "\n\nCritique this answer by " + target + ":\n" + quote(target, targetText)
        + "\n\n" + CRITIQUE_FORMAT;
  }

  public static String revision(String question, String ownText, List<String> critiques) {
    StringBuilder b = new StringBuilder("Question: ").append(question).append("\n\nYour current answer:\n")
        .append(quote("you", ownText)).append("\n\nCritiques of it:\n");
    for (int i = 0; i < critiques.size(); i++) b.append(i + 1).append(". ").append(critiques.get(i)).append('\n');
    return b.append("\nWrite your revised answer in full. Keep what survives the critiques; fix what does not.").toString();
  }

  public static String vote(String question, Map<String, String> positions) {
    return "Question: " + question + "\n\nFinal positions:\n" + quoteAll(positions)
        + "\nVote for the position you judge best (you may vote for your own).\n" + VOTE_FORMAT;
  }

  public static String synthesis(String question, Map<String, String> positions, List<String> critiques) {
    StringBuilder b = new StringBuilder("Question: ").append(question)
        .append("\n\nYou are the judge. Final positions:\n").append(quoteAll(positions));
    if (!critiques.isEmpty()) {
      b.append("\nMain critiques raised:\n");
      critiques.forEach(c -> b.append("- ").append(c).append('\n'));
    }
    return b.append("\nWrite the decision: the best-supported answer, the conditions it depends on, "
        + "and the strongest remaining objection.").toString();
  }

  public static String judgeVote(String question, String judge, String synthesis) {
    return "Question: " + question + "\n\nThe judge " + judge + " proposes this decision:\n" + quote(judge, synthesis)
        + "\n\nDo you accept it as the group's answer?\n" + JUDGE_VOTE_FORMAT;
  }

  /** The text quoted for {@code name} in {@code prompt}, if any. */
  public static Optional<String> section(String prompt, String name) {
    return Optional.ofNullable(sections(prompt).get(name));
  }

  /** The names of all sections quoted in {@code prompt}, in order of first appearance, without repeats. */
  public static List<String> sectionNames(String prompt) {
    return List.copyOf(sections(prompt).keySet());
  }

  /**
   * Every quoted section, first occurrence of a name winning. One pass over the lines: the demo
   * provider reads every prompt this way, so this stays linear (a backtracking regex did not).
   */
  private static Map<String, String> sections(String prompt) {
    Map<String, String> found = new LinkedHashMap<>();
    String open = null;
    StringBuilder body = new StringBuilder();
    for (String line : (Iterable<String>) prompt.lines()::iterator) {
      if (open == null) {
        if (line.startsWith(BEGIN) && line.endsWith(MARK_TAIL) && line.length() > BEGIN.length() + MARK_TAIL.length()) {
          open = line.substring(BEGIN.length(), line.length() - MARK_TAIL.length());
          body.setLength(0);
        }
      } else if (line.equals(END + open + MARK_TAIL)) {
        found.putIfAbsent(open, body.toString());
        open = null;
      } else {
        if (!body.isEmpty()) body.append('\n');
        body.append(line);
      }
    }
    return found;
  }

  private static String question(String question, String context) {
    return context.isBlank() ? "Question: " + question : "Question: " + question + "\n\nContext:\n" + context;
  }

  private static String quote(String name, String text) {
    return "--- BEGIN " + name + " ---\n" + text.strip() + "\n--- END " + name + " ---";
  }

  private static String quoteAll(Map<String, String> positions) {
    StringBuilder b = new StringBuilder();
    positions.forEach((name, text) -> b.append(quote(name, text)).append('\n'));
    return b.toString();
  }
}
