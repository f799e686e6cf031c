package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aragora.core.debate.event.EventEnvelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class DebateLeasesContract extends StoreTestBase {
  static final Duration LEASE = Duration.ofSeconds(30);

  DebateRepository debates;
  DebateLeases leases;
  EventLog events;

  @BeforeEach
  void stores() {
    debates = new DebateRepository(database, JSON, clock);
    leases = new DebateLeases(database, clock);
    events = new EventLog(database, JSON);
  }

  void create(String... ids) {
    for (String id : ids) debates.create(TENANT, id, StoreFixtures.request("Q " + id), Map.of());
  }

  static List<String> ids(List<DebateLeases.Claim> claims) {
    return claims.stream().map(c -> c.debate().id()).toList();
  }

  @Test
  void claimsQueuedDebatesOldestFirstUpToTheFreeSlots() {
    create("d-1", "d-2", "d-3");

    List<DebateLeases.Claim> first = leases.claim("a#1", 2, LEASE);

    assertThat(ids(first)).containsExactly("d-1", "d-2");
    assertThat(first).allSatisfy(c -> {
      assertThat(c.wasRunning()).isFalse();
      assertThat(c.attempts()).isEqualTo(1);
      assertThat(c.previousOwner()).isEmpty();
    });
    assertThat(debates.find("d-1").orElseThrow().status()).isEqualTo(DebateRepository.RUNNING);
    assertThat(debates.find("d-1").orElseThrow().startedAt()).isEqualTo(now.get());
    assertThat(leases.queued()).isEqualTo(1);
    assertThat(leases.position("d-3")).isEqualTo(1);
    assertThat(leases.position("d-1")).isZero();
    assertThat(ids(leases.claim("b#1", 5, LEASE))).containsExactly("d-3");
    assertThat(leases.claim("b#1", 5, LEASE)).isEmpty();
  }

  @Test
  void aDebateIsTakenOverOnlyAfterItsLeaseExpires() {
    create("d-1");
    leases.claim("a#1", 1, LEASE);

    advance(LEASE.minusSeconds(1));
    assertThat(leases.claim("b#1", 1, LEASE)).isEmpty();

    advance(Duration.ofSeconds(2));
    List<DebateLeases.Claim> taken = leases.claim("b#1", 1, LEASE);
    assertThat(ids(taken)).containsExactly("d-1");
    assertThat(taken.getFirst().wasRunning()).isTrue();
    assertThat(taken.getFirst().previousOwner()).isEqualTo("a#1");
    assertThat(taken.getFirst().previousInstance()).isEqualTo("a");
    assertThat(taken.getFirst().previousRunHere()).as("b is not a").isEqualTo(!database.isPostgres());
    assertThat(taken.getFirst().attempts()).isEqualTo(2);
  }

  @Test
  void renewingKeepsTheLeaseAndTellsWhatIsStillHeld() {
    create("d-1", "d-2");
    leases.claim("a#1", 2, LEASE);

    advance(LEASE.minusSeconds(5));
    assertThat(leases.renew("a#1", LEASE)).containsOnlyKeys("d-1", "d-2");
    advance(LEASE.minusSeconds(5));
    assertThat(leases.claim("b#1", 2, LEASE)).isEmpty();

    advance(LEASE);
    assertThat(ids(leases.claim("b#1", 1, LEASE))).containsExactly("d-1");
    assertThat(leases.renew("a#1", LEASE)).containsOnlyKeys("d-2");
  }

  @Test
  void aCancelRequestReachesTheOwnerAtItsNextRenewal() {
    create("d-1");
    leases.claim("a#1", 1, LEASE);

    assertThat(leases.requestCancel("d-1", "stop please")).isTrue();

    assertThat(leases.renew("a#1", LEASE)).containsExactly(Map.entry("d-1", "stop please"));
    create("d-2");
    assertThat(leases.requestCancel("d-2", "queued is not running")).isFalse();
  }

  @Test
  void aReleasedDebateIsClaimedAgainAheadOfNewerOnesRememberingItsOwner() {
    create("d-1", "d-2");
    leases.claim("a#1", 1, LEASE);

    assertThat(leases.release("d-1", "b#1")).isFalse();
    assertThat(leases.release("d-1", "a#1")).isTrue();

    List<DebateLeases.Claim> again = leases.claim("b#1", 1, LEASE);
    assertThat(ids(again)).containsExactly("d-1");
    assertThat(again.getFirst().wasRunning()).isFalse();
    assertThat(again.getFirst().previousOwner()).isEqualTo("a#1");
    leases.release("d-1", "b#1");
    assertThat(leases.claim("b#2", 1, LEASE).getFirst().previousRunHere()).as("b again, restarted").isTrue();
  }

  @Test
  void eventsAndResultsOfARunAreRefusedOnceAnotherInstanceTookItOver() throws JsonProcessingException {
    create("d-1");
    leases.claim("a#1", 1, LEASE);
    EventEnvelope first = StoreFixtures.event("d-1", 1, "one");
    assertThat(events.appendLeased(first, JSON.writeValueAsString(first), "a#1")).isTrue();
    assertThat(events.appendLeased(first, JSON.writeValueAsString(first), "a#1")).as("replayed").isFalse();

    advance(LEASE.plusSeconds(1));
    leases.claim("b#1", 1, LEASE);

    EventEnvelope second = StoreFixtures.event("d-1", 2, "two");
    assertThatThrownBy(() -> events.appendLeased(second, JSON.writeValueAsString(second), "a#1"))
        .isInstanceOf(LeaseLostException.class);
    assertThat(events.lastSeq("d-1")).isEqualTo(1);
    assertThat(debates.saveResult("d-1", StoreFixtures.result("d-1"), "a#1")).isFalse();
    assertThat(events.appendLeased(second, JSON.writeValueAsString(second), "b#1")).isTrue();
    assertThat(debates.saveResult("d-1", StoreFixtures.result("d-1"), "b#1")).isTrue();
    assertThat(leases.renew("b#1", LEASE)).as("a finished debate holds no lease").isEmpty();
  }

  @Test
  void restartingUnderTheSameNameFreesOnlyThatInstancesEarlierRuns() {
    create("d-1", "d-2");
    leases.claim("web-1#old", 1, LEASE);
    leases.claim("web-10#live", 1, LEASE);

    int expired = leases.expireEarlierRuns("web-1");

    List<String> reclaimed = ids(leases.claim("web-1#new", 2, LEASE));
    if (database.isPostgres()) {
      assertThat(expired).isEqualTo(1);
      assertThat(reclaimed).containsExactly("d-1");
    } else {
      // One process uses an embedded database: every running debate was the last process's.
      assertThat(expired).isEqualTo(2);
      assertThat(reclaimed).containsExactly("d-1", "d-2");
    }
  }

  @Test
  void debatesARunOfThisProcessStillHoldsAreNotClaimedAgainEvenWithTheirLeaseExpired() {
    create("d-1", "d-2");
    leases.claim("a#1", 2, LEASE);
    advance(LEASE.plusSeconds(1));

    assertThat(ids(leases.claim("a#1", 2, LEASE, Set.of("d-1")))).containsExactly("d-2");
  }

  @Test
  void aQueuedDebateCancelledIsNeverClaimed() {
    create("d-1");
    assertThat(debates.updateStatus("d-1", Set.of(DebateRepository.QUEUED), DebateRepository.CANCELLED)).isTrue();

    assertThat(leases.claim("a#1", 1, LEASE)).isEmpty();
    assertThat(leases.queued()).isZero();
  }
}
