package dev.aragora.core.convergence;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Cosine similarity of TF-IDF vectors built over just the two texts; no model needed.
 *
 * <p>Tokens are maximal runs of Unicode letters or digits, lower-cased, minus a short English
 * stop-word list ("not" and "no" are kept: they flip an answer's meaning). Term weight is the raw
 * count times a smoothed IDF, {@code idf = 1 + ln((1 + n) / (1 + df))} with {@code n = 2}
 * documents (scikit-learn's {@code smooth_idf}). Plain {@code ln(n / df)} would give every shared
 * term weight 0, so two identical texts would have no common dimension at all; the smoothed form
 * weights shared terms 1 and terms found in only one text {@code 1 + ln 1.5 ≈ 1.41}, which makes
 * differences count a little more than agreement. Identical token multisets score 1; texts with
 * no token in common score 0.
 */
final class TfIdfSimilarity implements SimilarityScorer {
  static final String METHOD = "tfidf";

  private static final double IDF_SHARED = 1.0; // 1 + ln(3 / 3)
  private static final double IDF_ONE_SIDE = 1.0 + Math.log(1.5); // 1 + ln(3 / 2)

  private static final Set<String> STOP_WORDS = Set.of(
      "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "do", "does", "for",
      "from", "had", "has", "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its",
      "me", "my", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their", "them",
      "then", "there", "these", "they", "this", "those", "to", "too", "us", "was", "we", "were",
      "what", "when", "which", "while", "who", "will", "with", "would", "you", "your");

  @Override
  public double similarity(String a, String b) {
    if (a.equals(b)) return 1.0;
    Map<String, int[]> countsA = termCounts(a);
    Map<String, int[]> countsB = termCounts(b);
    if (countsA.isEmpty() || countsB.isEmpty()) return 0.0;

    double dot = 0;
    double normA = 0;
    for (Map.Entry<String, int[]> e : countsA.entrySet()) {
      int[] other = countsB.get(e.getKey());
      double idf = other == null ? IDF_ONE_SIDE : IDF_SHARED;
      double weightA = e.getValue()[0] * idf;
      normA += weightA * weightA;
      if (other != null) dot += weightA * other[0] * idf;
    }
    if (dot == 0) return 0.0;
    double normB = 0;
    for (Map.Entry<String, int[]> e : countsB.entrySet()) {
      double idf = countsA.containsKey(e.getKey()) ? IDF_SHARED : IDF_ONE_SIDE;
      double weightB = e.getValue()[0] * idf;
      normB += weightB * weightB;
    }
    return Math.clamp(dot / Math.sqrt(normA * normB), 0.0, 1.0);
  }

  @Override
  public String method() {
    return METHOD;
  }

  /** Lower-cased letter/digit runs minus stop words, with their counts. */
  static Map<String, int[]> termCounts(String text) {
    Map<String, int[]> counts = new HashMap<>();
    StringBuilder token = new StringBuilder(16);
    int length = text.length();
    for (int i = 0; i <= length; ) {
      int cp = i < length ? text.codePointAt(i) : ' ';
      if (Character.isLetterOrDigit(cp)) {
        token.appendCodePoint(Character.toLowerCase(cp));
      } else if (!token.isEmpty()) {
        String term = token.toString();
        token.setLength(0);
        if (!STOP_WORDS.contains(term)) counts.computeIfAbsent(term, k -> new int[1])[0]++;
      }
      i += i < length ? Character.charCount(cp) : 1;
    }
    return counts;
  }
}
