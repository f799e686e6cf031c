package dev.aragora.core.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EmbeddingSimilarityTest {

  /** The real bundled model; loaded once per JVM, a few seconds. */
  private final SimilarityScorer model = Similarity.embedding();

  @Test
  void aParaphraseScoresHigherThanAnUnrelatedTextWithTheRealModel() {
    String answer = "We should cache the user profile in Redis to cut database load and latency.";
    String paraphrase = "Storing user profiles in an in-memory cache like Redis reduces DB traffic.";
    String unrelated = "The committee recommends planting oak trees along the river bank.";
    assertThat(model.similarity(answer, paraphrase))
        .isGreaterThan(model.similarity(answer, unrelated) + 0.2);
  }

  @Test
  void nearIdenticalTextsScoreAtLeastTheConvergedThresholdWithTheRealModel() {
    String before = "The answer is 42, because six times seven equals forty-two.";
    String after = "The answer is 42 because six times seven equals forty-two.";
    assertThat(model.similarity(before, after)).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void scoresStayWithinZeroAndOneWithTheRealModel() {
    assertThat(model.similarity("Paris is the capital of France.", "qwerty zxcv 12345"))
        .isBetween(0.0, 1.0);
    assertThat(model.method()).isEqualTo("embedding");
  }

  @Test
  void eachTextIsEmbeddedOnceSoARoundCostsOneEmbeddingPerAgent() {
    List<List<String>> batches = new ArrayList<>();
    var scorer = new EmbeddingSimilarity(texts -> {
      batches.add(List.copyOf(texts));
      return texts.stream().map(EmbeddingSimilarityTest::fakeVector).toList();
    }, cache(16));

    scorer.similarities(List.of("a1", "b1"), List.of("a2", "b2"));
    scorer.similarities(List.of("a2", "b2"), List.of("a3", "b3"));

    assertThat(batches).containsExactly(List.of("a1", "a2", "b1", "b2"), List.of("a3", "b3"));
  }

  @Test
  void identicalAndBlankTextsAreScoredWithoutEmbedding() {
    List<String> embedded = new ArrayList<>();
    var scorer = new EmbeddingSimilarity(texts -> {
      embedded.addAll(texts);
      return texts.stream().map(EmbeddingSimilarityTest::fakeVector).toList();
    }, cache(16));

    assertThat(scorer.similarities(List.of("same", " "), List.of("same", "text")))
        .containsExactly(1.0, 0.0);
    assertThat(embedded).containsExactly("text");
  }

  @Test
  void negativeCosinesAreClampedToZero() {
    var scorer = new EmbeddingSimilarity(
        texts -> texts.stream().map(t -> t.equals("up") ? new float[] {1, 0} : new float[] {-1, 0}).toList(),
        cache(4));
    assertThat(scorer.similarity("up", "down")).isEqualTo(0.0);
  }

  @Test
  void theCacheForgetsTheLeastRecentlyUsedText() {
    var cache = new VectorCache(cache(2));
    cache.put("a", new float[] {1});
    cache.put("b", new float[] {2});
    cache.get("a");
    cache.put("c", new float[] {3});
    assertThat(cache.get("b")).isNull();
    assertThat(cache.get("a")).isNotNull();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void theCacheForgetsATextItsTtlAfterItWasStored() {
    AtomicLong now = new AtomicLong();
    var cache = new VectorCache(new EmbeddingCache(10, Duration.ofSeconds(60)), now::get);
    cache.put("a", new float[] {1});
    now.set(Duration.ofSeconds(59).toNanos());
    assertThat(cache.get("a")).isNotNull();
    now.set(Duration.ofSeconds(60).toNanos());
    assertThat(cache.get("a")).isNull();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aTextIsEmbeddedAgainOnceItsVectorHasExpired() {
    List<String> embedded = new ArrayList<>();
    AtomicLong now = new AtomicLong();
    var scorer = new EmbeddingSimilarity(texts -> {
      embedded.addAll(texts);
      return texts.stream().map(EmbeddingSimilarityTest::fakeVector).toList();
    }, new EmbeddingCache(16, Duration.ofMinutes(1)), () -> {}, now::get);
    scorer.similarity("first", "second");
    now.set(Duration.ofSeconds(59).toNanos());
    scorer.similarity("first", "second");
    now.set(Duration.ofSeconds(61).toNanos());
    scorer.similarity("first", "second");
    assertThat(embedded).containsExactly("first", "second", "first", "second");
  }

  @Test
  void cacheSettingsAreValidated() {
    assertThatThrownBy(() -> new EmbeddingCache(0, Duration.ofHours(1))).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new EmbeddingCache(1, Duration.ZERO)).hasMessageContaining("positive");
    assertThat(EmbeddingCache.DEFAULT).isEqualTo(new EmbeddingCache(1000, Duration.ofHours(24)));
  }

  private static EmbeddingCache cache(int size) {
    return new EmbeddingCache(size, Duration.ofHours(24));
  }

  @Test
  void rejectsListsOfDifferentSizes() {
    var scorer = new EmbeddingSimilarity(texts -> List.of(), cache(4));
    assertThatThrownBy(() -> scorer.similarities(List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static float[] fakeVector(String text) {
    return new float[] {text.charAt(0), text.length(), 1};
  }
}
