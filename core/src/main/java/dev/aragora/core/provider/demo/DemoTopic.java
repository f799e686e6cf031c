package dev.aragora.core.provider.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a question is about, extracted well enough to weave into demo text.
 *
 * @param action for yes/no questions such as "Should we X?", the verb phrase X; else null
 * @param focus the question's key phrase, e.g. "database for a startup" or "the plan to migrate the monolith"
 * @param keys a few content words, e.g. "monolith", "microservices"
 */
record DemoTopic(String action, String focus, List<String> keys) {
  private static final Pattern END_PUNCT = Pattern.compile("[?!.:;]+$");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern WRAPPING_PUNCT = Pattern.compile("^[\"'(\\[]+|[\"')\\],;:]+$");
  private static final Set<String> MODALS = Set.of(
      "should", "shall", "can", "could", "would", "will", "must", "do", "does", "may", "might");
  private static final Set<String> DETERMINERS = Set.of(
      "the", "a", "an", "our", "my", "your", "their", "this", "that", "these", "those", "its", "his", "her");
  private static final Set<String> STOPWORDS = Set.of(
      "a", "an", "the", "and", "or", "but", "if", "then", "than", "to", "of", "in", "on", "for", "with", "without",
      "by", "at", "from", "into", "over", "under", "about", "as", "is", "are", "was", "were", "be", "been", "being",
      "do", "does", "did", "should", "shall", "can", "could", "would", "will", "must", "may", "might", "we", "i",
      "you", "they", "it", "our", "my", "your", "their", "its", "his", "her", "this", "that", "these", "those",
      "what", "which", "who", "whom", "how", "why", "when", "where", "whether", "not", "no", "yes", "all", "any",
      "some", "more", "most", "less", "best", "better", "worth", "good", "idea", "use", "using", "get", "make",
      "have", "has", "had", "there", "here", "so", "just", "also", "very", "really", "now", "need", "us", "me",
      "them", "one", "way", "ways", "thing", "things", "instead", "still", "yet", "ever", "already");

  static DemoTopic of(String question) {
    String q = question == null ? "" : question.strip();
    int nl = q.indexOf('\n');
    if (nl > 0) q = q.substring(0, nl).strip();
    q = END_PUNCT.matcher(q).replaceAll("").strip();
    String[] raw = q.isEmpty() ? new String[0] : SPACES.split(q);
    List<String> words = new ArrayList<>();
    for (String w : raw) {
      String clean = WRAPPING_PUNCT.matcher(w).replaceAll("");
      if (!clean.isEmpty()) words.add(clean);
    }

    String action = null;
    int actionStart = -1;
    if (words.size() >= 3 && MODALS.contains(lower(words.get(0)))) {
      int i = DETERMINERS.contains(lower(words.get(1))) ? 3 : 2;
      if (i < words.size()) actionStart = i;
    } else if (words.size() >= 5 && lower(words.get(0)).equals("is") && lower(words.get(1)).equals("it")) {
      for (int i = 2; i < Math.min(words.size() - 1, 7); i++) {
        if (lower(words.get(i)).equals("to")) {
          actionStart = i + 1;
          break;
        }
      }
    }
    if (actionStart > 0 && words.size() - actionStart <= 14) {
      List<String> phrase = new ArrayList<>();
      for (int i = actionStart; i < words.size(); i++) phrase.add(pronounToArticle(words.get(i)));
      action = String.join(" ", phrase);
    }

    List<Integer> content = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (i == actionStart) continue; // the verb of the action is not a topic word
      if (isContent(words.get(i))) content.add(i);
    }
    String focus;
    if (content.isEmpty()) {
      focus = "this question";
    } else {
      int last = content.get(content.size() - 1);
      int first = last;
      if (content.size() >= 2 && last - content.get(content.size() - 2) <= 3) first = content.get(content.size() - 2);
      List<String> phrase = new ArrayList<>();
      for (int i = first; i <= last; i++) phrase.add(pronounToArticle(words.get(i)));
      focus = String.join(" ", phrase);
      if (first == 0) focus = decapitalize(focus);
      String lead = focus.substring(0, Math.max(0, focus.indexOf(' ') < 0 ? focus.length() : focus.indexOf(' ')));
      if (!DETERMINERS.contains(lower(lead)) && lead.equals(lower(lead))) focus = "the " + focus;
    }

    if (action != null && words.size() - actionStart <= 7) focus = "the plan to " + action;

    LinkedHashSet<String> keys = new LinkedHashSet<>();
    for (int i : content) keys.add(i == 0 ? decapitalize(words.get(i)) : words.get(i));
    List<String> keyList = new ArrayList<>(keys);
    if (keyList.size() > 4) keyList = keyList.subList(keyList.size() - 4, keyList.size());
    if (keyList.isEmpty()) keyList = List.of(focus);
    return new DemoTopic(action, focus, List.copyOf(keyList));
  }

  private static boolean isContent(String word) {
    String w = lower(word);
    if (STOPWORDS.contains(w)) return false;
    if (w.length() >= 3) return true;
    return word.length() == 2 && word.equals(word.toUpperCase(Locale.ROOT)) && Character.isLetter(word.charAt(0));
  }

  private static String pronounToArticle(String word) {
    return switch (lower(word)) {
      case "our", "my", "your" -> "the";
      default -> word;
    };
  }

  private static String decapitalize(String s) {
    if (s.length() >= 2 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1)))
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    return s;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
