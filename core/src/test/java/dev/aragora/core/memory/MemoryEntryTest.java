package dev.aragora.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryEntryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static MemoryEntry entry(String question, String text, float[] vector, String model) {
    return MemoryEntry.create("s", MemoryKind.CONSENSUS, "d1", "a", question, text, 0.5, vector, model, T0);
  }

  @Test
  void sizeIsTheUtf8BytesOfQuestionAndText() {
    MemoryEntry e = entry("Qé?", "Ja – klar", null, null);

    assertThat(e.placement().bytes()).isEqualTo(4 + 11);
    assertThat(e.id()).startsWith("mem_");
    assertThat(e.tier()).isEqualTo(MemoryTier.FAST);
  }

  @Test
  void longTextsAreCutToTheirByteLimitsAtACharacterBoundary() {
    MemoryEntry e = entry("é".repeat(1000), "😀".repeat(1000), null, null);

    assertThat(MemoryEntry.utf8(e.question())).isLessThanOrEqualTo(MemoryEntry.MAX_QUESTION_BYTES);
    assertThat(MemoryEntry.utf8(e.text())).isLessThanOrEqualTo(MemoryEntry.MAX_TEXT_BYTES);
    assertThat(e.question()).endsWith("é…");
    assertThat(e.text()).endsWith("😀…");
    assertThat(e.placement().bytes()).isLessThanOrEqualTo(2048);
  }

  @Test
  void aPlacementOfTheWrongSizeIsRefused() {
    MemoryEntry e = entry("Q?", "A.", null, null);
    Placement wrong = new Placement(e.id(), MemoryTier.FAST, 99, 0, 0, T0, T0);

    assertThatThrownBy(() -> e.at(wrong)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void similarityUsesVectorsOfTheSameModelAndTfIdfOtherwise() {
    MemoryEntry withVector = entry("apples and pears", "x", new float[] {1, 0}, "m");

    assertThat(withVector.similarityTo(new MemoryQuery("unrelated words", new float[] {1, 0}, "m"))).isEqualTo(1.0);
    assertThat(withVector.similarityTo(new MemoryQuery("unrelated words", new float[] {-1, 0}, "m"))).isZero();
    // Another model's vector, or none: TF-IDF over the texts.
    assertThat(withVector.similarityTo(new MemoryQuery("apples and pears", new float[] {0, 1}, "other"))).isEqualTo(1.0);
    assertThat(withVector.similarityTo(new MemoryQuery("unrelated words", null, ""))).isZero();
  }

  @Test
  void vectorsSurviveTheirTextForm() {
    float[] v = {0.25f, -1.5f, 3.0e-7f, Float.MAX_VALUE};

    assertThat(Vectors.decode(Vectors.encode(v))).containsExactly(v);
    assertThat(Vectors.encode(new float[0])).isEmpty();
    assertThat(Vectors.decode("")).isEmpty();
  }
}
