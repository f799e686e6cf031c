package dev.aragora.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierPolicyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Placement placed(String id, MemoryTier tier, int bytes, Instant lastUsed) {
    return new Placement(id, tier, bytes, 0, 0, lastUsed, lastUsed.plus(tier.ttl()));
  }

  private static Placement settled(Placement p, Duration after) {
    return TierPolicy.settle(p, T0.plus(after)).orElseThrow();
  }

  private static Placement used(Placement p, Duration after) {
    return TierPolicy.use(p, T0.plus(after)).orElseThrow();
  }

  @Test
  void theTiersAreTheSeedsTable() {
    assertThat(MemoryTier.FAST.ttl()).isEqualTo(Duration.ofMinutes(1));
    assertThat(MemoryTier.FAST.budgetBytes()).isEqualTo(10 * 1024);
    assertThat(MemoryTier.MEDIUM.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(MemoryTier.MEDIUM.budgetBytes()).isEqualTo(100 * 1024);
    assertThat(MemoryTier.SLOW.ttl()).isEqualTo(Duration.ofDays(1));
    assertThat(MemoryTier.SLOW.budgetBytes()).isEqualTo(1024 * 1024);
    assertThat(MemoryTier.GLACIAL.ttl()).isEqualTo(Duration.ofDays(7));
    assertThat(MemoryTier.GLACIAL.budgetBytes()).isEqualTo(10 * 1024 * 1024);
    assertThat(MemoryTier.FAST.down()).isNull();
    assertThat(MemoryTier.GLACIAL.up()).isNull();
    assertThat(MemoryTier.parse(" Slow ")).isEqualTo(MemoryTier.SLOW);
  }

  @Test
  void aNewEntryEntersFastAndIsGoneOneMinuteLaterUnlessUsed() {
    Placement p = TierPolicy.enter("a", 100, T0);

    assertThat(p.tier()).isEqualTo(MemoryTier.FAST);
    assertThat(p.expiresAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(TierPolicy.settle(p, T0.plusSeconds(59))).contains(p);
    assertThat(TierPolicy.settle(p, T0.plusSeconds(60))).isEmpty();
    assertThat(TierPolicy.use(p, T0.plusSeconds(61))).isEmpty();
  }

  @Test
  void oneUseInFastPromotesToMediumForAnHourFromTheUse() {
    Placement p = used(TierPolicy.enter("a", 100, T0), Duration.ofSeconds(30));

    assertThat(p.tier()).isEqualTo(MemoryTier.MEDIUM);
    assertThat(p.expiresAt()).isEqualTo(T0.plusSeconds(30).plus(Duration.ofHours(1)));
    assertThat(p.uses()).isEqualTo(1);
    assertThat(p.tierUses()).isZero();
    assertThat(p.lastUsedAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void aUseBelowTheThresholdRenewsTheTierTtlAndTheNextOnePromotes() {
    Placement medium = placed("a", MemoryTier.MEDIUM, 100, T0);

    Placement once = used(medium, Duration.ofMinutes(50));
    assertThat(once.tier()).isEqualTo(MemoryTier.MEDIUM);
    assertThat(once.tierUses()).isEqualTo(1);
    assertThat(once.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(110)));
    // Without the renewal it would have expired at 60 min.
    assertThat(settled(once, Duration.ofMinutes(100)).tier()).isEqualTo(MemoryTier.MEDIUM);

    Placement twice = used(once, Duration.ofMinutes(100));
    assertThat(twice.tier()).isEqualTo(MemoryTier.SLOW);
    assertThat(twice.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(100)).plus(Duration.ofDays(1)));
  }

  @Test
  void slowNeedsThreeUsesAndGlacialOnlyRenews() {
    Placement p = placed("a", MemoryTier.SLOW, 100, T0);
    p = used(p, Duration.ofHours(1));
    p = used(p, Duration.ofHours(2));
    assertThat(p.tier()).isEqualTo(MemoryTier.SLOW);
    p = used(p, Duration.ofHours(3));
    assertThat(p.tier()).isEqualTo(MemoryTier.GLACIAL);
    assertThat(p.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(3)).plus(Duration.ofDays(7)));

    for (int i = 0; i < 5; i++) p = used(p, Duration.ofHours(4 + i));
    assertThat(p.tier()).isEqualTo(MemoryTier.GLACIAL);
    assertThat(p.uses()).isEqualTo(8);
    assertThat(p.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(8)).plus(Duration.ofDays(7)));
  }

  @Test
  void expiryDemotesOneTierAtATimeWithTheLowerTtlFromTheOldExpiry() {
    Placement glacial = new Placement("a", MemoryTier.GLACIAL, 100, 9, 2, T0, T0.plus(Duration.ofDays(7)));
    Instant week = T0.plus(Duration.ofDays(7));

    Placement slow = TierPolicy.settle(glacial, week).orElseThrow();
    assertThat(slow.tier()).isEqualTo(MemoryTier.SLOW);
    assertThat(slow.expiresAt()).isEqualTo(week.plus(Duration.ofDays(1)));
    assertThat(slow.tierUses()).isZero();
    assertThat(slow.uses()).isEqualTo(9);

    Instant mediumUntil = week.plus(Duration.ofDays(1)).plus(Duration.ofHours(1));
    assertThat(TierPolicy.settle(glacial, mediumUntil.minusMillis(1)).orElseThrow().tier()).isEqualTo(MemoryTier.MEDIUM);
    Placement fast = TierPolicy.settle(glacial, mediumUntil).orElseThrow();
    assertThat(fast.tier()).isEqualTo(MemoryTier.FAST);
    assertThat(fast.expiresAt()).isEqualTo(mediumUntil.plusSeconds(60));
    assertThat(TierPolicy.settle(glacial, mediumUntil.plusSeconds(60))).isEmpty();
  }

  @Test
  void settlingLateGivesWhatSettlingOnTimeWouldHave() {
    Placement medium = placed("a", MemoryTier.MEDIUM, 100, T0);
    Instant later = T0.plus(Duration.ofMinutes(60)).plusSeconds(30);

    Placement step = TierPolicy.settle(TierPolicy.settle(medium, T0.plus(Duration.ofMinutes(60))).orElseThrow(), later)
        .orElseThrow();

    assertThat(TierPolicy.settle(medium, later)).contains(step);
  }

  @Test
  void aUseAfterADemotionCountsInTheLowerTier() {
    Placement slow = placed("a", MemoryTier.SLOW, 100, T0);
    Placement p = TierPolicy.use(slow, T0.plus(Duration.ofDays(1)).plusSeconds(1)).orElseThrow();

    assertThat(p.tier()).isEqualTo(MemoryTier.MEDIUM);
    assertThat(p.tierUses()).isEqualTo(1);
  }

  @Test
  void withinBudgetNothingMoves() {
    List<Placement> fast = List.of(placed("a", MemoryTier.FAST, 5 * 1024, T0), placed("b", MemoryTier.FAST, 5 * 1024, T0));

    assertThat(TierPolicy.fit(fast, T0).isEmpty()).isTrue();
  }

  @Test
  void overFastsBudgetTheLeastRecentlyUsedAreDropped() {
    List<Placement> fast = new ArrayList<>();
    for (int i = 0; i < 6; i++) fast.add(placed("e" + i, MemoryTier.FAST, 2048, T0.plusSeconds(i)));

    TierPolicy.Changes changes = TierPolicy.fit(fast, T0.plusSeconds(10));

    // 6 × 2 KB = 12 KB > 10 KB: the oldest one goes.
    assertThat(changes.dropped()).containsExactly("e0");
    assertThat(changes.moved()).isEmpty();
  }

  @Test
  void overAHigherBudgetTheLeastRecentlyUsedAreDemoted() {
    Instant now = T0.plus(Duration.ofMinutes(30));
    List<Placement> all = new ArrayList<>();
    for (int i = 0; i < 51; i++) all.add(placed("m" + i, MemoryTier.MEDIUM, 2048, T0.plusSeconds(i))); // 102 KB
    for (int i = 0; i < 4; i++) all.add(placed("f" + i, MemoryTier.FAST, 2048, now.minusSeconds(5 - i))); // 8 KB

    TierPolicy.Changes changes = TierPolicy.fit(all, now);

    assertThat(changes.moved()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("m0");
      assertThat(p.tier()).isEqualTo(MemoryTier.FAST);
      assertThat(p.tierUses()).isZero();
      assertThat(p.expiresAt()).isEqualTo(now.plusSeconds(60));
    });
    assertThat(changes.dropped()).isEmpty();
  }

  @Test
  void aDemotionIntoAFullTierPushesThatTiersLeastRecentlyUsedOut() {
    Instant now = T0.plus(Duration.ofMinutes(30));
    List<Placement> all = new ArrayList<>();
    for (int i = 0; i < 51; i++) all.add(placed("m" + i, MemoryTier.MEDIUM, 2048, T0.plusSeconds(10 + i)));
    for (int i = 0; i < 5; i++) all.add(placed("f" + i, MemoryTier.FAST, 2048, T0.plusSeconds(i))); // 10 KB, older

    TierPolicy.Changes changes = TierPolicy.fit(all, now);

    // m0 moves down to FAST (12 KB now), where f0 is the least recently used.
    assertThat(changes.moved()).extracting(Placement::id).containsExactly("m0");
    assertThat(changes.dropped()).containsExactly("f0");
  }

  @Test
  void anEntryDemotedByBudgetAndThenLeastRecentlyUsedBelowIsDropped() {
    Instant now = T0.plus(Duration.ofMinutes(30));
    List<Placement> all = new ArrayList<>();
    for (int i = 0; i < 51; i++) all.add(placed("m" + i, MemoryTier.MEDIUM, 2048, T0.plusSeconds(i)));
    for (int i = 0; i < 5; i++) all.add(placed("f" + i, MemoryTier.FAST, 2048, now.minusSeconds(5 - i)));

    TierPolicy.Changes changes = TierPolicy.fit(all, now);

    assertThat(changes.dropped()).containsExactly("m0");
    assertThat(changes.moved()).isEmpty();
  }
}
