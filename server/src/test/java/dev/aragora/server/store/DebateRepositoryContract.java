package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.Topology;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class DebateRepositoryContract extends StoreTestBase {
  DebateRepository debates;

  @BeforeEach
  void repository() {
    debates = new DebateRepository(database, JSON, clock);
  }

  @Test
  void createdDebateIsQueuedAndFoundWithItsRequestAndMetadata() {
    var request = StoreFixtures.request("Is it true?").withTopology(Topology.RING);

    debates.create(TENANT, "d-1", request, Map.of("user", "u1"));

    StoredDebate stored = debates.find("d-1").orElseThrow();
    assertThat(stored.status()).isEqualTo(DebateRepository.QUEUED);
    assertThat(stored.task()).isEqualTo("Is it true?");
    assertThat(stored.createdAt()).isEqualTo(now.get());
    assertThat(stored.startedAt()).isNull();
    assertThat(stored.resultJson()).isNull();
    assertThat(stored.metadataJson()).isEqualTo("{\"user\":\"u1\"}");
    assertThat(debates.request(stored)).isEqualTo(request);
    assertThat(debates.find("missing")).isEmpty();
  }

  @Test
  void aTenantFindsAndListsOnlyItsOwnDebates() {
    debates.create("alpha", "d-a", StoreFixtures.request("Alpha's?"), Map.of());
    debates.create("beta", "d-b", StoreFixtures.request("Beta's?"), Map.of());

    assertThat(debates.find("alpha", "d-a").orElseThrow().tenantId()).isEqualTo("alpha");
    assertThat(debates.find("beta", "d-a")).as("another tenant's id is not found").isEmpty();
    assertThat(debates.find("alpha", "d-b")).isEmpty();
    assertThat(debates.find("d-a").orElseThrow().tenantId()).as("the runner's unscoped lookup").isEqualTo("alpha");
    assertThat(debates.list("alpha", null, 10, 0).items()).extracting(StoredDebate::id).containsExactly("d-a");
    assertThat(debates.list("beta", DebateRepository.QUEUED, 10, 0).items()).extracting(StoredDebate::id)
        .containsExactly("d-b");
    assertThat(debates.list("beta", null, 10, 0).total()).isEqualTo(1);
    assertThat(debates.list("gamma", null, 10, 0).total()).isZero();
  }

  @Test
  void aChargeThatRefusesLeavesNoDebateAndOneThatPassesSeesTheRowsBytes() {
    long[] charged = new long[1];
    debates.create(TENANT, "d-1", StoreFixtures.request("Paid?"), Map.of("k", "v"), (c, tenant, bytes) -> charged[0] = bytes);
    StoredDebate stored = debates.find("d-1").orElseThrow();
    assertThat(charged[0]).isEqualTo(stored.task().length() + stored.requestJson().length() + stored.metadataJson().length());

    assertThatThrownBy(() -> debates.create(TENANT, "d-2", StoreFixtures.request("Refused?"), Map.of(), (c, tenant, bytes) -> {
      throw new IllegalStateException("over quota");
    })).hasMessage("over quota");
    assertThat(debates.find("d-2")).isEmpty();
    // The queue sequence it drew is given back with the rollback: the next debate is right behind d-1.
    debates.create(TENANT, "d-3", StoreFixtures.request("Next?"), Map.of());
    assertThat(debates.find("d-3").orElseThrow().queueSeq()).isEqualTo(stored.queueSeq() + 1);
  }

  @Test
  void creatingTheSameIdTwiceFails() {
    debates.create(TENANT, "d-1", StoreFixtures.request("One"), Map.of());

    assertThatThrownBy(() -> debates.create(TENANT, "d-1", StoreFixtures.request("Two"), Map.of()))
        .isInstanceOf(StoreException.class);
    assertThat(debates.find("d-1").orElseThrow().task()).isEqualTo("One");
  }

  @Test
  void listIsNewestFirstWithTheTotalCount() {
    for (int i = 1; i <= 3; i++) {
      debates.create(TENANT, "d-" + i, StoreFixtures.request("Q" + i), Map.of());
      advance(Duration.ofSeconds(1));
    }
    debates.create(TENANT, "d-4", StoreFixtures.request("Q4"), Map.of());

    DebatePage page = debates.list(TENANT, null, 10, 0);

    assertThat(page.total()).isEqualTo(4);
    assertThat(page.items()).extracting(StoredDebate::id).containsExactly("d-4", "d-3", "d-2", "d-1");
  }

  @Test
  void listFiltersByStatusAndPages() {
    for (int i = 1; i <= 5; i++) {
      debates.create(TENANT, "d-" + i, StoreFixtures.request("Q" + i), Map.of());
      advance(Duration.ofSeconds(1));
    }
    debates.updateStatus("d-2", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
    debates.updateStatus("d-4", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);

    DebatePage queued = debates.list(TENANT, DebateRepository.QUEUED, 2, 0);
    DebatePage queuedNext = debates.list(TENANT, DebateRepository.QUEUED, 2, 2);
    DebatePage running = debates.list(TENANT, DebateRepository.RUNNING, 10, 0);

    assertThat(queued.total()).isEqualTo(3);
    assertThat(queued.items()).extracting(StoredDebate::id).containsExactly("d-5", "d-3");
    assertThat(queuedNext.items()).extracting(StoredDebate::id).containsExactly("d-1");
    assertThat(running.total()).isEqualTo(2);
    assertThat(running.items()).extracting(StoredDebate::id).containsExactly("d-4", "d-2");
    assertThat(debates.list(TENANT, null, 2, 4).items()).extracting(StoredDebate::id).containsExactly("d-1");
    assertThat(debates.list(TENANT, null, 2, 10).items()).isEmpty();
  }

  @Test
  void statusMovesOnlyFromAnAllowedStatus() {
    debates.create(TENANT, "d-1", StoreFixtures.request("Q"), Map.of());
    advance(Duration.ofSeconds(5));

    boolean started = debates.updateStatus("d-1", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
    boolean startedAgain = debates.updateStatus("d-1", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);

    assertThat(started).isTrue();
    assertThat(startedAgain).isFalse();
    StoredDebate running = debates.find("d-1").orElseThrow();
    assertThat(running.status()).isEqualTo(DebateRepository.RUNNING);
    assertThat(running.startedAt()).isEqualTo(now.get());
    assertThat(running.finishedAt()).isNull();
    assertThat(debates.updateStatus("missing", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING)).isFalse();
  }

  @Test
  void failingARunningDebateRecordsTheReasonAndFinishTime() {
    debates.create(TENANT, "d-1", StoreFixtures.request("Q"), Map.of());
    debates.updateStatus("d-1", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
    advance(Duration.ofSeconds(7));

    boolean failed = debates.updateStatus("d-1", Set.of(DebateRepository.RUNNING), DebateRepository.FAILED,
        "process restarted");

    assertThat(failed).isTrue();
    StoredDebate stored = debates.find("d-1").orElseThrow();
    assertThat(stored.status()).isEqualTo(DebateRepository.FAILED);
    assertThat(stored.error()).isEqualTo("process restarted");
    assertThat(stored.finishedAt()).isEqualTo(now.get());
    assertThat(stored.isFinished()).isTrue();
  }

  @Test
  void savedResultRoundTripsAndSetsStatusAndFinishTime() throws Exception {
    debates.create(TENANT, "d-1", StoreFixtures.request("Q"), Map.of());
    debates.updateStatus("d-1", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);
    advance(Duration.ofSeconds(30));
    DebateResult result = StoreFixtures.result("d-1");

    assertThat(debates.saveResult("d-1", result)).isTrue();

    StoredDebate stored = debates.find("d-1").orElseThrow();
    assertThat(stored.status()).isEqualTo("consensus_reached");
    assertThat(stored.finishedAt()).isEqualTo(now.get());
    assertThat(stored.error()).isNull();
    JsonNode json = JSON.readTree(stored.resultJson());
    assertThat(json.get("final_answer").asText()).isEqualTo("Because.");
    assertThat(stored.resultJson()).isEqualTo(JSON.writeValueAsString(result));
    assertThat(JSON.readValue(stored.resultJson(), DebateResult.class)).isEqualTo(result);
  }

  @Test
  void resultDoesNotOverwriteACancelledDebate() {
    debates.create(TENANT, "d-1", StoreFixtures.request("Q"), Map.of());
    debates.updateStatus("d-1", Set.of(DebateRepository.QUEUED, DebateRepository.RUNNING), DebateRepository.CANCELLED);

    assertThat(debates.saveResult("d-1", StoreFixtures.result("d-1"))).isFalse();
    assertThat(debates.find("d-1").orElseThrow().status()).isEqualTo(DebateRepository.CANCELLED);
    assertThat(debates.find("d-1").orElseThrow().resultJson()).isNull();
  }

  @Test
  void findByStatusReturnsDebatesInQueueOrder() {
    debates.create(TENANT, "b", StoreFixtures.request("Q1"), Map.of());
    debates.create(TENANT, "a", StoreFixtures.request("Q2"), Map.of());
    debates.create(TENANT, "c", StoreFixtures.request("Q3"), Map.of());
    debates.updateStatus("a", Set.of(DebateRepository.QUEUED), DebateRepository.RUNNING);

    assertThat(debates.findByStatus(DebateRepository.QUEUED)).extracting(StoredDebate::id).containsExactly("b", "c");
    assertThat(debates.findByStatus(DebateRepository.RUNNING)).extracting(StoredDebate::id).containsExactly("a");
    assertThat(debates.findByStatus(DebateRepository.QUEUED).get(0).queueSeq())
        .isLessThan(debates.findByStatus(DebateRepository.QUEUED).get(1).queueSeq());
  }
}
