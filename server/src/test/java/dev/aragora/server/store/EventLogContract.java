package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class EventLogContract extends StoreTestBase {
  EventLog events;

  @BeforeEach
  void log() {
    var debates = new DebateRepository(database, JSON, clock);
    debates.create(TENANT, "d-1", StoreFixtures.request("Q1"), Map.of());
    debates.create(TENANT, "d-2", StoreFixtures.request("Q2"), Map.of());
    events = new EventLog(database, JSON);
  }

  @Test
  void storesEachEnvelopeExactlyAsSerialised() throws Exception {
    var envelope = StoreFixtures.event("d-1", 1, "Hel");

    assertThat(events.append(envelope)).isTrue();

    assertThat(events.since("d-1", 0, 10)).containsExactly(JSON.writeValueAsString(envelope));
  }

  @Test
  void sinceReturnsLaterEventsInSeqOrderUpToTheLimit() {
    for (long seq : new long[] {3, 1, 5, 2, 4}) events.append(StoreFixtures.event("d-1", seq, "t" + seq));
    events.append(StoreFixtures.event("d-2", 1, "other"));

    assertThat(events.since("d-1", 0, 100)).extracting(this::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(events.since("d-1", 2, 2)).extracting(this::seq).containsExactly(3L, 4L);
    assertThat(events.since("d-1", 5, 10)).isEmpty();
    assertThat(events.since("d-1", 0, 0)).isEmpty();
    assertThat(events.since("d-2", 0, 10)).extracting(this::seq).containsExactly(1L);
  }

  @Test
  void appendingTheSameSeqAgainKeepsTheFirstAndAddsNothing() {
    assertThat(events.append(StoreFixtures.event("d-1", 1, "first"))).isTrue();
    assertThat(events.append(StoreFixtures.event("d-1", 1, "second"))).isFalse();

    assertThat(events.since("d-1", 0, 10)).singleElement().asString().contains("\"first\"");
  }

  @Test
  void lastSeqIsTheHighestStoredOrZero() {
    assertThat(events.lastSeq("d-1")).isZero();
    events.accept(StoreFixtures.event("d-1", 1, "a"));
    events.accept(StoreFixtures.event("d-1", 2, "b"));

    assertThat(events.lastSeq("d-1")).isEqualTo(2);
    assertThat(events.lastSeq("d-2")).isZero();
  }

  @Test
  void eventsOfAnUnknownDebateAreRefused() {
    assertThatThrownBy(() -> events.append(StoreFixtures.event("nope", 1, "x"))).isInstanceOf(StoreException.class);
  }

  private long seq(String envelope) {
    try {
      return JSON.readTree(envelope).get("seq").asLong();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
