package dev.aragora.core.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TfIdfSimilarityTest {
  private final TfIdfSimilarity tfidf = new TfIdfSimilarity();

  @Test
  void identicalTextsScoreOne() {
    String text = "Use PostgreSQL for the ledger because it gives us serializable transactions.";
    assertThat(tfidf.similarity(text, text)).isEqualTo(1.0);
  }

  @Test
  void textsWithTheSameWordsInAnotherCaseAndPunctuationScoreOne() {
    assertThat(tfidf.similarity("Use PostgreSQL, not MySQL!", "use postgresql not mysql"))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void textsWithNoWordInCommonScoreZero() {
    assertThat(tfidf.similarity("PostgreSQL ledger transactions", "sunny beach holiday"))
        .isEqualTo(0.0);
  }

  @Test
  void stopWordsAloneDoNotMakeTextsSimilar() {
    assertThat(tfidf.similarity("the cat is on the mat", "it is the time for a change"))
        .isEqualTo(0.0);
  }

  @Test
  void aParaphraseScoresHigherThanAnUnrelatedText() {
    String answer = "We should cache the user profile in Redis to cut database load and latency.";
    String paraphrase = "Caching the user profile in Redis will cut latency and database load.";
    String unrelated = "The committee recommends planting oak trees along the river bank.";
    assertThat(tfidf.similarity(answer, paraphrase))
        .isGreaterThan(0.5)
        .isGreaterThan(tfidf.similarity(answer, unrelated));
  }

  @Test
  void scoresAreSymmetricAndWithinZeroAndOne() {
    String a = "Rust gives memory safety without a garbage collector.";
    String b = "A garbage collector is what Java uses for memory safety.";
    double ab = tfidf.similarity(a, b);
    assertThat(ab).isBetween(0.0, 1.0).isCloseTo(tfidf.similarity(b, a), within(1e-12));
  }

  @Test
  void aBlankTextScoresZeroAgainstAnyOtherText() {
    assertThat(tfidf.similarity("", "some answer")).isEqualTo(0.0);
    assertThat(tfidf.similarity("  ", "")).isEqualTo(0.0);
  }

  @Test
  void negationWordsAreKeptAsTerms() {
    assertThat(TfIdfSimilarity.termCounts("It is not safe, no.")).containsOnlyKeys("not", "safe", "no");
  }

  @Test
  void tokensAreUnicodeLetterAndDigitRuns() {
    assertThat(TfIdfSimilarity.termCounts("Größe: 42kg; café-au-lait"))
        .containsOnlyKeys("größe", "42kg", "café", "au", "lait");
  }

  @Test
  void reportsItsMethodName() {
    assertThat(tfidf.method()).isEqualTo("tfidf");
  }
}
