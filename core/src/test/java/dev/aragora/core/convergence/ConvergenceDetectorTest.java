package dev.aragora.core.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceDetectorTest {

  /** Scores a pair by the number written after the '|' in the current answer. */
  private static final SimilarityScorer SCRIPTED = new SimilarityScorer() {
    @Override
    public double similarity(String previous, String current) {
      return Double.parseDouble(current.substring(current.indexOf('|') + 1));
    }

    @Override
    public String method() {
      return "scripted";
    }
  };

  private final ConvergenceDetector detector = new ConvergenceDetector(SCRIPTED);

  @Test
  void theLowestAgentAtTheConvergedThresholdMeansConverged() {
    var result = detector.check(
        Map.of("alice", "old", "bob", "old"), ordered("alice", "x|0.85", "bob", "x|0.99"));
    assertThat(result.status()).isEqualTo("converged");
    assertThat(result.minSimilarity()).isEqualTo(0.85);
    assertThat(result.converged()).isTrue();
  }

  @Test
  void oneAgentJustBelowTheConvergedThresholdKeepsTheDebateRefining() {
    var result = detector.check(
        Map.of("alice", "old", "bob", "old"), ordered("alice", "x|0.99", "bob", "x|0.8499"));
    assertThat(result.status()).isEqualTo("refining");
    assertThat(result.minSimilarity()).isEqualTo(0.8499);
  }

  @Test
  void theLowestAgentAtTheDivergingThresholdIsStillRefining() {
    var result = detector.check(Map.of("alice", "old"), Map.of("alice", "x|0.40"));
    assertThat(result.status()).isEqualTo("refining");
  }

  @Test
  void theLowestAgentBelowTheDivergingThresholdMeansDiverging() {
    var result = detector.check(
        Map.of("alice", "old", "bob", "old"), ordered("alice", "x|0.95", "bob", "x|0.3999"));
    assertThat(result.status()).isEqualTo("diverging");
  }

  @Test
  void customThresholdsAreUsed() {
    var strict = new ConvergenceDetector(SCRIPTED, new ConvergenceThresholds(0.95, 0.10));
    assertThat(strict.check(Map.of("a", "old"), Map.of("a", "x|0.9")).status()).isEqualTo("refining");
    assertThat(strict.check(Map.of("a", "old"), Map.of("a", "x|0.2")).status()).isEqualTo("refining");
    assertThat(strict.check(Map.of("a", "old"), Map.of("a", "x|0.95")).status()).isEqualTo("converged");
  }

  @Test
  void perAgentScoresFollowTheOrderOfTheCurrentAnswersAndNameTheMethod() {
    var result = detector.check(
        Map.of("carol", "old", "alice", "old", "bob", "old"),
        ordered("carol", "x|0.5", "alice", "x|0.6", "bob", "x|0.7"));
    assertThat(result.perAgent()).containsExactly(
        Map.entry("carol", 0.5), Map.entry("alice", 0.6), Map.entry("bob", 0.7));
    assertThat(result.method()).isEqualTo("scripted");
  }

  @Test
  void agentsMissingFromEitherRoundAreSkipped() {
    var result = detector.check(
        Map.of("alice", "old", "gone", "old"), ordered("alice", "x|0.9", "newcomer", "x|0.1"));
    assertThat(result.perAgent()).containsOnlyKeys("alice");
    assertThat(result.status()).isEqualTo("converged");
  }

  @Test
  void withNoAgentToCompareTheDebateIsRefiningWithSimilarityZero() {
    var result = detector.check(Map.of(), Map.of("alice", "first answer|1.0"));
    assertThat(result.status()).isEqualTo("refining");
    assertThat(result.minSimilarity()).isEqualTo(0.0);
    assertThat(result.perAgent()).isEmpty();
  }

  @Test
  void agentsWhoSwapAnswersHaveNotConverged() {
    String postgres = "Use PostgreSQL: it gives serializable transactions and mature tooling.";
    String dynamo = "Use DynamoDB: it scales writes automatically and needs no servers to run.";
    var detector = new ConvergenceDetector(Similarity.tfidf());

    var result = detector.check(
        Map.of("alice", postgres, "bob", dynamo), ordered("alice", dynamo, "bob", postgres));

    assertThat(result.status()).isNotEqualTo("converged");
    assertThat(result.minSimilarity()).isLessThan(0.85);
  }

  @Test
  void agentsRepeatingTheirOwnAnswersHaveConverged() {
    String postgres = "Use PostgreSQL: it gives serializable transactions and mature tooling.";
    String dynamo = "Use DynamoDB: it scales writes automatically and needs no servers to run.";
    var detector = new ConvergenceDetector(Similarity.tfidf());

    var result = detector.check(
        Map.of("alice", postgres, "bob", dynamo), ordered("alice", postgres, "bob", dynamo));

    assertThat(result.status()).isEqualTo("converged");
    assertThat(result.method()).isEqualTo("tfidf");
  }

  @Test
  void scoresOutsideZeroAndOneAreClamped() {
    var sloppy = new ConvergenceDetector((a, b) -> 1.0000001);
    assertThat(sloppy.check(Map.of("a", "x"), Map.of("a", "y")).minSimilarity()).isEqualTo(1.0);
  }

  @Test
  void resultsRejectUnknownStatuses() {
    assertThatThrownBy(() -> new ConvergenceResult("done", 0.5, Map.of(), "tfidf"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, String> ordered(String... agentAnswerPairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < agentAnswerPairs.length; i += 2) map.put(agentAnswerPairs[i], agentAnswerPairs[i + 1]);
    return map;
  }
}
