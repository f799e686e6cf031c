package dev.aragora.core.convergence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimilarityTest {

  @Test
  void backendsAreSelectedByCaseInsensitiveName() {
    assertThat(Similarity.named("TFIDF").method()).isEqualTo("tfidf");
    assertThat(Similarity.named(" embedding ").method()).isEqualTo("embedding");
    assertThat(Similarity.named("auto")).isInstanceOf(AutoSimilarity.class);
  }

  @Test
  void noNameMeansAuto() {
    assertThat(Similarity.named(null)).isInstanceOf(AutoSimilarity.class);
    assertThat(Similarity.named("")).isInstanceOf(AutoSimilarity.class);
  }

  @Test
  void anUnknownNameIsRejectedWithTheValidNames() {
    assertThatThrownBy(() -> Similarity.named("jaccard"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ARAGORA_SIMILARITY_BACKEND")
        .hasMessageContaining("tfidf");
  }

  @Test
  void bestUsesEmbeddingsWhenTheModelLoads() {
    Similarity.preload().toCompletableFuture().join();
    SimilarityScorer best = Similarity.best();
    assertThat(best.similarity("The sky is blue.", "The sky is blue today.")).isGreaterThan(0.5);
    assertThat(best.method()).isEqualTo("embedding");
  }

  @Test
  void autoFallsBackToTfIdfWhenTheModelCannotLoad() {
    CompletableFuture<TextEmbedder> failed =
        CompletableFuture.failedFuture(new UnsatisfiedLinkError("simulated by SimilarityTest"));
    var auto = new AutoSimilarity(() -> failed, EmbeddingCache.DEFAULT);
    assertThat(auto.similarity("red apple", "red apple pie")).isBetween(0.0, 1.0);
    assertThat(auto.method()).isEqualTo("tfidf");
  }

  @Test
  void autoReportsEmbeddingWhileTheModelIsStillLoading() {
    CompletableFuture<TextEmbedder> loading = new CompletableFuture<>();
    var auto = new AutoSimilarity(() -> loading, EmbeddingCache.DEFAULT);
    assertThat(auto.method()).isEqualTo("embedding");
  }
}
