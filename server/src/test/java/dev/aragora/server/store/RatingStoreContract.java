package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.ranking.AgentRating;
import dev.aragora.core.ranking.Calibration;
import dev.aragora.core.ranking.Elo;
import dev.aragora.core.ranking.MatchRecord;
import dev.aragora.core.ranking.MatchResult;
import dev.aragora.core.ranking.RatingBook;
import dev.aragora.core.ranking.RatingChange;
import dev.aragora.core.ranking.VotePredictions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ratings in the database: the same numbers as core's RatingBook, once per debate, under concurrency too. */
abstract class RatingStoreContract extends StoreTestBase {
  static final AgentIdentity SKEPTIC = AgentIdentity.parse("demo/skeptic");
  static final AgentIdentity PRAGMATIST = AgentIdentity.parse("demo/pragmatist");
  static final AgentIdentity ECONOMIST = AgentIdentity.parse("demo/economist");

  RatingStore store;

  @BeforeEach
  void store() {
    store = new RatingStore(database, Elo.standard(), JSON, clock);
  }

  /** A finished debate of the three demo personas; each votes for {@code winner} but the economist, who votes against it. */
  static DebateResult debate(String id, String winner, boolean consensus) {
    List<String> names = List.of("demo:skeptic", "demo:pragmatist", "demo:economist");
    List<Vote> votes = new ArrayList<>();
    for (String name : names) {
      String choice = name.equals("demo:economist") && !winner.equals(name)
          ? names.stream().filter(n -> !n.equals(winner) && !n.equals(name)).findFirst().orElseThrow() : winner;
      votes.add(new Vote(name, choice, name.equals("demo:economist") ? 0.9 : 0.7, "because", false));
    }
    return new DebateResult(id, "Why?", "Because.", 0.8, consensus, "strong",
        consensus ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED, "majority", 2, winner, names, Map.of(),
        Map.of(), votes, List.of(), List.of(), "converged", 0.9, Map.of(), 1.0, Map.of(), 0.0, List.of(), true, "");
  }

  @Test
  void eachTenantRatesTheSameIdentitiesOnItsOwn() {
    store.record("alpha", debate("a1", "demo:skeptic", true), "security");
    store.record("alpha", debate("a2", "demo:skeptic", true), "");
    store.record("beta", debate("b1", "demo:economist", true), "");

    assertThat(store.leaderboard("alpha", 10, null).getFirst().rating().agent()).isEqualTo(SKEPTIC);
    assertThat(store.leaderboard("beta", 10, null).getFirst().rating().agent()).isEqualTo(ECONOMIST);
    assertThat(store.leaderboard("alpha", 10, null)).allSatisfy(a -> assertThat(a.rating().matches()).isEqualTo(2));
    assertThat(store.leaderboard("beta", 10, null)).allSatisfy(a -> assertThat(a.rating().matches()).isEqualTo(1));
    assertThat(store.leaderboard("beta", 10, "security")).as("alpha's domain").isEmpty();
    assertThat(store.leaderboard("gamma", 10, null)).isEmpty();

    // Beta's ratings start from the initial ELO, untouched by alpha's two matches.
    RatingBook fresh = new RatingBook(Elo.standard());
    fresh.record(debate("b1", "demo:economist", true), "");
    assertThat(store.standing("beta", ECONOMIST)).contains(fresh.standing(ECONOMIST));
    assertThat(store.standings("beta")).containsOnlyKeys(SKEPTIC, PRAGMATIST, ECONOMIST)
        .containsEntry(SKEPTIC, fresh.standing(SKEPTIC));

    assertThat(store.history("beta", SKEPTIC, 10)).extracting(RatingChange::debateId).containsExactly("b1");
    assertThat(store.recentMatches("beta", SKEPTIC, 10)).extracting(StoredMatch::debateId).containsExactly("b1");
    assertThat(store.profile("beta", SKEPTIC, 10).orElseThrow().history()).extracting(RatingChange::debateId)
        .containsExactly("b1");
    assertThat(store.profile("gamma", SKEPTIC, 10)).isEmpty();
    assertThat(store.headToHead("beta", SKEPTIC, ECONOMIST).debateIds()).containsExactly("b1");
    assertThat(store.headToHead("alpha", SKEPTIC, ECONOMIST).debateIds()).containsExactly("a2", "a1");
    assertThat(store.headToHead("gamma", SKEPTIC, ECONOMIST).matches()).isZero();
    // A debate is recorded once, whichever tenant asks again.
    assertThat(store.record("beta", debate("a1", "demo:skeptic", true), "")).isEmpty();
  }

  @Test
  void ratingsHistoryAndCountsMatchTheCoreRatingBook() {
    RatingBook book = new RatingBook(Elo.standard());
    List<DebateResult> debates = List.of(debate("d1", "demo:skeptic", true), debate("d2", "demo:skeptic", false),
        debate("d3", "demo:pragmatist", true));
    for (DebateResult d : debates) {
      advance(java.time.Duration.ofSeconds(1));
      Optional<MatchRecord> stored = store.record(TENANT, d, "");
      assertThat(stored).isEqualTo(book.record(d, ""));
    }

    List<RankedAgent> board = store.leaderboard(TENANT, 10, StoredRating.OVERALL);
    List<AgentRating> expected = book.leaderboard(10, null);
    assertThat(board).hasSize(3);
    for (int i = 0; i < 3; i++) {
      StoredRating r = board.get(i).rating();
      AgentRating e = expected.get(i);
      assertThat(r.agent()).isEqualTo(e.agent());
      assertThat(r.elo()).isCloseTo(e.elo(), within(1e-9));
      assertThat(List.of(r.wins(), r.losses(), r.draws(), r.matches()))
          .containsExactly(e.wins(), e.losses(), e.draws(), e.matches());
      assertThat(board.get(i).calibration()).isEqualTo(book.calibration(e.agent()));
    }
    assertThat(store.history(TENANT, SKEPTIC, 10)).containsExactlyElementsOf(book.history(SKEPTIC).reversed());
    assertThat(store.standing(TENANT, SKEPTIC)).contains(book.standing(SKEPTIC));
    assertThat(store.standings(TENANT)).containsEntry(ECONOMIST, book.standing(ECONOMIST));
    double total = board.stream().mapToDouble(a -> a.rating().elo()).sum();
    assertThat(total).as("the update is zero-sum").isCloseTo(3 * 1500, within(1e-9));
  }

  @Test
  void recordingADebateAgainChangesNothing() {
    DebateResult d = debate("d1", "demo:skeptic", true);
    assertThat(store.record(TENANT, d, "security")).isPresent();
    List<RankedAgent> before = store.leaderboard(TENANT, 10, StoredRating.OVERALL);

    assertThat(store.record(TENANT, d, "security")).isEmpty();
    assertThat(store.record(TENANT, d, "general")).as("even in another domain").isEmpty();

    assertThat(store.leaderboard(TENANT, 10, StoredRating.OVERALL)).isEqualTo(before);
    assertThat(store.history(TENANT, SKEPTIC, 10)).hasSize(1);
    assertThat(store.standing(TENANT, ECONOMIST).orElseThrow().calibration().predictions()).isEqualTo(1);
    assertThat(store.recorded("d1")).isTrue();
  }

  @Test
  void aDebateThatDidNotFinishIsNoMatch() {
    DebateResult failed = debate("d1", "demo:skeptic", true);
    failed = new DebateResult(failed.debateId(), failed.task(), "", 0, false, "none", DebateStatus.FAILED,
        "majority", 1, "", failed.participants(), Map.of(), Map.of(), List.of(), List.of(), List.of(), "", 0,
        Map.of(), 1, Map.of(), 0, List.of(), true, "boom");

    assertThat(store.record(TENANT, failed, "")).isEmpty();
    assertThat(store.recorded("d1")).isFalse();
    assertThat(store.leaderboard(TENANT, 10, null)).isEmpty();
  }

  @Test
  void domainRatingsAreKeptApartFromOverall() {
    store.record(TENANT, debate("d1", "demo:skeptic", true), "security");
    store.record(TENANT, debate("d2", "demo:economist", true), "finance");

    assertThat(store.leaderboard(TENANT, 10, "security")).extracting(a -> a.rating().agent())
        .containsExactly(SKEPTIC, ECONOMIST, PRAGMATIST);
    assertThat(store.leaderboard(TENANT, 10, "finance").getFirst().rating().agent()).isEqualTo(ECONOMIST);
    assertThat(store.leaderboard(TENANT, 10, "finance").getFirst().rating().matches()).isEqualTo(1);
    assertThat(store.leaderboard(TENANT, 10, "nowhere")).isEmpty();
    AgentProfile skeptic = store.profile(TENANT, SKEPTIC, 10).orElseThrow();
    assertThat(skeptic.overall().matches()).isEqualTo(2);
    assertThat(skeptic.domains()).extracting(StoredRating::domain).containsExactly("finance", "security");
    assertThat(skeptic.calibrationByDomain().get("security").predictions()).isEqualTo(1);
    assertThat(skeptic.recentMatches()).extracting(StoredMatch::debateId).containsExactly("d2", "d1");
    assertThat(store.profile(TENANT, AgentIdentity.parse("demo/nobody"), 10)).isEmpty();
  }

  @Test
  void calibrationComesFromTheStoredPredictions() {
    RatingBook book = new RatingBook(Elo.standard());
    for (int i = 0; i < 12; i++) {
      store.record(TENANT, debate("d" + i, "demo:skeptic", true), "");
      book.record(debate("d" + i, "demo:skeptic", true), "");
    }

    var calibration = store.standing(TENANT, ECONOMIST).orElseThrow().calibration();
    var expected = book.calibration(ECONOMIST);

    // The economist said 0.9 every time and voted against the two 0.7 votes for the winner: among
    // three positions that vote was right with probability 18 / (18 + 4.67² + 1) = 0.44 at first,
    // and less as the record read its 0.9 as overconfident.
    assertThat(calibration.predictions()).isEqualTo(12);
    assertThat(calibration.accuracy()).isCloseTo(expected.accuracy(), within(1e-9)).isLessThan(0.45);
    assertThat(calibration.brier()).isCloseTo(expected.brier(), within(1e-9));
    assertThat(calibration.expectedCalibrationError()).isCloseTo(expected.expectedCalibrationError(), within(1e-9));
    assertThat(calibration.score()).isCloseTo(expected.score(), within(1e-9));
    assertThat(calibration.qualified()).isTrue();
    assertThat(VotePredictions.from(debate("x", "demo:skeptic", true)).get(ECONOMIST).getFirst().outcome())
        .isCloseTo(18 / (18 + Math.pow(0.7 * 2 / 0.3, 2) + 1), within(1e-12));
  }

  @Test
  void headToHeadCountsPairResultsAndTheRatingTakenFromTheOther() {
    store.record(TENANT, debate("d1", "demo:skeptic", true), "");
    store.record(TENANT, debate("d2", "demo:skeptic", false), "");
    store.record(TENANT, debate("d3", "demo:pragmatist", false), "");

    HeadToHead h = store.headToHead(TENANT, SKEPTIC, PRAGMATIST);
    assertThat(List.of(h.matches(), h.aWins(), h.bWins(), h.draws(), h.unrated())).containsExactly(3, 2, 1, 0, 0);
    HeadToHead losers = store.headToHead(TENANT, PRAGMATIST, ECONOMIST);
    assertThat(List.of(losers.aWins(), losers.bWins(), losers.draws())).containsExactly(1, 0, 2);
    assertThat(store.headToHead(TENANT, PRAGMATIST, SKEPTIC).aDelta()).isCloseTo(-h.aDelta(), within(1e-9));
    // d1: equal ratings, the skeptic took K·(1/1.5 − 0.5) from the pragmatist.
    HeadToHead first = new RatingStore(database, Elo.standard(), JSON, clock).headToHead(TENANT, SKEPTIC, ECONOMIST);
    assertThat(first.aDelta()).isPositive();
    RatingChange d1 = store.history(TENANT, SKEPTIC, 10).getLast();
    assertThat(d1.result()).isEqualTo(MatchResult.WIN);
    assertThat(d1.delta()).isCloseTo(2 * 32 * (1 / 1.5 - 0.5), within(1e-9));
  }

  @Test
  void concurrentRecordsOfDifferentDebatesLoseNoUpdate() throws Exception {
    int debates = 12;
    List<Callable<Optional<MatchRecord>>> tasks = new ArrayList<>();
    for (int i = 0; i < debates; i++) {
      String winner = List.of("demo:skeptic", "demo:pragmatist", "demo:economist").get(i % 3);
      DebateResult d = debate("c" + i, winner, i % 2 == 0);
      tasks.add(() -> store.record(TENANT, d, ""));
      tasks.add(() -> store.record(TENANT, d, ""));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      int recorded = 0;
      for (Future<Optional<MatchRecord>> f : pool.invokeAll(tasks)) if (f.get().isPresent()) recorded++;
      assertThat(recorded).as("each debate recorded once").isEqualTo(debates);
    }

    List<RankedAgent> board = store.leaderboard(TENANT, 10, null);
    assertThat(board).allSatisfy(a -> assertThat(a.rating().matches()).isEqualTo(debates));
    assertThat(board.stream().mapToDouble(a -> a.rating().elo()).sum()).isCloseTo(3 * 1500, within(1e-6));
    for (RankedAgent a : board) {
      // Each history row starts where the one before it ended: no recording read a stale rating.
      List<RatingChange> history = store.history(TENANT, a.rating().agent(), 100).reversed();
      assertThat(history).hasSize(debates);
      for (int i = 1; i < history.size(); i++)
        assertThat(history.get(i).eloBefore()).isCloseTo(history.get(i - 1).eloAfter(), within(1e-9));
      assertThat(history.getLast().eloAfter()).isCloseTo(a.rating().elo(), within(1e-9));
    }
  }
}
