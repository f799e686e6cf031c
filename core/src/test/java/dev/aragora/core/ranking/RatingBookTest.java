package dev.aragora.core.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.testing.SampleResults;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatingBookTest {
  private static final String A = "anthropic/claude-sonnet-4-5";
  private static final String B = "openai/gpt-4o";
  private static final String C = "gemini/gemini-2.5-pro";
  private static final AgentIdentity IA = AgentIdentity.parse(A);
  private static final AgentIdentity IB = AgentIdentity.parse(B);
  private static final AgentIdentity IC = AgentIdentity.parse(C);

  private final RatingBook book = new RatingBook(Elo.standard());

  private static DebateResult won(String id, String winner, boolean consensus) {
    return SampleResults.decided(id, "majority", List.of(A, B, C), winner, consensus, List.of(
        new Vote(A, winner, 0.9, "", false), new Vote(B, winner, 0.6, "", false), new Vote(C, C, 0.8, "", false)));
  }

  @Test
  void recordingADebateMovesRatingsCountsAndWritesOneHistoryRowPerAgent() {
    MatchRecord record = book.record(won("d1", A, false), "general").orElseThrow();

    assertThat(record.changes()).hasSize(3);
    assertThat(record.changeOf(IA).eloAfter()).isCloseTo(1532, within(1e-9));
    assertThat(record.changeOf(IB).eloAfter()).isCloseTo(1484, within(1e-9));
    assertThat(book.rating(IA).wins()).isEqualTo(1);
    assertThat(book.rating(IB).losses()).isEqualTo(1);
    assertThat(book.rating(IC).matches()).isEqualTo(1);
    assertThat(book.history(IA)).containsExactly(record.changeOf(IA));
    assertThat(book.match("d1")).contains(record);
  }

  @Test
  void consensusCountsTheOthersAsDraws() {
    book.record(won("d1", B, true), "general");

    assertThat(book.rating(IB).wins()).isEqualTo(1);
    assertThat(book.rating(IA).draws()).isEqualTo(1);
    assertThat(book.rating(IC).draws()).isEqualTo(1);
    assertThat(book.rating(IA).losses()).isZero();
  }

  @Test
  void replayingOrResumingTheSameDebateChangesNothing() {
    DebateResult result = won("d1", A, false);
    book.record(result, "general").orElseThrow();
    AgentRating before = book.rating(IA);
    CalibrationSummary calibrationBefore = book.calibration(IB);

    assertThat(book.record(result, "general")).isEmpty();
    assertThat(book.apply(MatchOutcome.of(result, "general").orElseThrow())).isEmpty();
    assertThat(book.addPredictions("d1", "general", VotePredictions.from(result))).isFalse();

    assertThat(book.rating(IA)).isEqualTo(before);
    assertThat(book.calibration(IB)).isEqualTo(calibrationBefore);
    assertThat(book.history(IA)).hasSize(1);
  }

  @Test
  void aSuspendedDebateIsNotRecordedAndCanBeRecordedOnceItFinishes() {
    DebateResult result = won("d1", A, false);

    assertThat(book.record(SampleResults.withStatus(result, DebateStatus.SUSPENDED), "general")).isEmpty();
    assertThat(book.record(result, "general")).isPresent();
  }

  @Test
  void aDebateWithoutWinnerIsRecordedButMovesNoRatingAndCountsNoResult() {
    MatchRecord record = book.record(won("d1", "", false), "general").orElseThrow();

    assertThat(record.changes()).allSatisfy(c -> {
      assertThat(c.result()).isEqualTo(MatchResult.UNRATED);
      assertThat(c.delta()).isZero();
    });
    assertThat(book.rating(IA).matches()).isEqualTo(1);
    assertThat(book.rating(IA).wins() + book.rating(IA).losses() + book.rating(IA).draws()).isZero();
  }

  @Test
  void domainRatingsMoveOnlyInTheirDomainWithTheSameUpdate() {
    book.record(won("d1", A, false), "security");
    book.record(won("d2", A, false), "general");
    MatchRecord third = book.record(won("d3", B, false), "security").orElseThrow();

    AgentRating a = book.rating(IA);
    assertThat(a.domainElos()).containsOnlyKeys("security", "general");
    assertThat(a.domainElo("security", 1500)).isCloseTo(third.changeOf(IA).domainEloAfter(), within(1e-9));
    assertThat(a.domainElo("general", 1500)).isCloseTo(1532, within(1e-9));
    assertThat(a.domainElo("finance", 1500)).isEqualTo(1500);
    // the third debate's domain update started from the security rating, not the overall one
    assertThat(third.changeOf(IA).domainEloBefore()).isCloseTo(1532, within(1e-9));
    assertThat(third.changeOf(IA).eloBefore()).isGreaterThan(1532);
    assertThat(book.leaderboard(10, "security")).extracting(AgentRating::agent).contains(IA, IB, IC);
    assertThat(book.leaderboard(10, "finance")).isEmpty();
  }

  @Test
  void ratingsStayZeroSumOverManyDebates() {
    String[] winners = {A, B, C, A, A, "", C, B, A};
    for (int i = 0; i < winners.length; i++) book.record(won("d" + i, winners[i], i % 2 == 0), "general");

    double total = book.rating(IA).elo() + book.rating(IB).elo() + book.rating(IC).elo();
    assertThat(total).isCloseTo(3 * 1500, within(1e-6));
    assertThat(book.leaderboard(10, null)).extracting(AgentRating::elo).isSortedAccordingTo((x, y) -> Double.compare(y, x));
    assertThat(book.leaderboard(1, null)).hasSize(1);
  }

  @Test
  void calibrationIsKeptPerAgentAndPerDomain() {
    for (int i = 0; i < 12; i++) book.record(won("s" + i, A, true), i < 8 ? "security" : "general");

    CalibrationSummary b = book.calibration(IB);
    assertThat(b.predictions()).isEqualTo(12);
    assertThat(b.score()).isGreaterThan(0);
    assertThat(book.calibration(IB, "security").predictions()).isEqualTo(8);
    assertThat(book.calibration(IB, "security").score()).isZero();
    // below ten predictions every voter is taken at its word: among three positions, A (0.9) and B
    // (0.6) for A against C (0.8) for C put 18 · 3 : 1 : 8 on A, B, C, so A's voters were right
    // with probability 54/63 and C with 8/63
    assertThat(book.calibration(IB, "security").brier()).isCloseTo(Math.pow(0.6 - 54.0 / 63, 2), within(1e-12));
    assertThat(book.calibration(IC, "security").brier()).isCloseTo(Math.pow(0.8 - 8.0 / 63, 2), within(1e-12));
    assertThat(book.standing(IB).calibration()).isEqualTo(b);
    assertThat(book.standing(IA, "security").elo()).isEqualTo(book.rating(IA).domainElo("security", 1500));
  }

  @Test
  void anAgentThatIsBorneOutMoreOftenThanItSaysComesToBeReadAsMoreReliable() {
    for (int i = 0; i < 60; i++) {
      book.record(SampleResults.decided("d" + i, "majority", List.of(A, B, C), A, true, List.of(
          new Vote(A, A, 0.55, "", false), new Vote(B, A, 0.55, "", false), new Vote(C, A, 0.55, "", false))), "general");
    }

    // three agreeing votes at 0.55 among three positions already put 0.88 on their choice, and more
    // once the record reads each vote as more reliable
    assertThat(book.calibration(IB).accuracy()).isGreaterThan(0.88);
    assertThat(RatedWeights.reliabilityOf(book.calibration(IB), 0.55)).isGreaterThan(0.85);
    assertThat(RatedWeights.accuracyOf(book.calibration(IA), 0.5)).isGreaterThan(0.85);
  }

  @Test
  void historyListsOneRowPerDebateOldestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add("d" + i);
      book.record(won("d" + i, B, false), "general");
    }

    assertThat(book.history(IB)).extracting(RatingChange::debateId).containsExactlyElementsOf(ids);
    assertThat(book.history(IB).get(1).eloBefore()).isEqualTo(book.history(IB).get(0).eloAfter());
  }
}
