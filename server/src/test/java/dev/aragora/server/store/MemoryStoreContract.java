package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.memory.Match;
import dev.aragora.core.memory.MemoryEntry;
import dev.aragora.core.memory.MemoryKind;
import dev.aragora.core.memory.MemoryQuery;
import dev.aragora.core.memory.MemoryTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The memory tiers in the database, with the test's clock: expiry, promotion, demotion, budgets, search. */
abstract class MemoryStoreContract extends StoreTestBase {
  private static final Set<MemoryKind> BOTH = Set.of(MemoryKind.CONSENSUS, MemoryKind.DISSENT);
  JdbcMemoryStore store;

  @BeforeEach
  void store() {
    store = new JdbcMemoryStore(database, clock);
  }

  private MemoryEntry put(String scope, MemoryKind kind, String question, String text, float[] vector) {
    MemoryEntry entry = MemoryEntry.create(scope, kind, "deb_1", "skeptic", question, text, 0.7, vector,
        vector == null ? "" : "test-model", now.get());
    store.put(entry);
    return entry;
  }

  private MemoryEntry put(String question) {
    return put("global", MemoryKind.CONSENSUS, question, "Decided: " + question, null);
  }

  private List<Match> search(String text) {
    return store.search("global", new MemoryQuery(text, null, ""), BOTH, 10, 0.5);
  }

  private MemoryTier storedTier(MemoryEntry entry) {
    return store.find(entry.id()).orElseThrow().tier();
  }

  @Test
  void anEntryIsStoredWhole() {
    float[] vector = {0.5f, -0.25f, 1e-3f};
    MemoryEntry entry = put("global", MemoryKind.DISSENT, "Adopt microservices?", "Stay with the monolith.", vector);

    MemoryEntry found = store.find(entry.id()).orElseThrow();

    assertThat(found.kind()).isEqualTo(MemoryKind.DISSENT);
    assertThat(found.agent()).isEqualTo("skeptic");
    assertThat(found.text()).isEqualTo("Stay with the monolith.");
    assertThat(found.vector()).containsExactly(vector);
    assertThat(found.model()).isEqualTo("test-model");
    assertThat(found.placement()).isEqualTo(entry.placement());
    assertThat(found.createdAt()).isEqualTo(entry.createdAt());
  }

  @Test
  void aFastEntryIsGoneAfterOneMinuteEvenBeforeASweep() {
    MemoryEntry entry = put("Should we adopt microservices?");
    advance(Duration.ofSeconds(59));
    assertThat(search("Should we adopt microservices?")).singleElement()
        .satisfies(m -> assertThat(m.entry().tier()).isEqualTo(MemoryTier.FAST));

    advance(Duration.ofSeconds(1));
    assertThat(search("Should we adopt microservices?")).isEmpty();
    assertThat(store.find(entry.id())).isPresent();

    assertThat(store.sweep()).isEqualTo(1);
    assertThat(store.find(entry.id())).isEmpty();
  }

  @Test
  void aUseInFastPromotesToMediumWhichOutlivesTheMinute() {
    MemoryEntry entry = put("Should we adopt microservices?");
    advance(Duration.ofSeconds(30));

    store.markUsed(List.of(entry.id()));
    advance(Duration.ofMinutes(30));

    assertThat(search("Should we adopt microservices?")).singleElement()
        .satisfies(m -> assertThat(m.entry().tier()).isEqualTo(MemoryTier.MEDIUM));
    MemoryEntry stored = store.find(entry.id()).orElseThrow();
    assertThat(stored.placement().uses()).isEqualTo(1);
    assertThat(stored.placement().expiresAt()).isEqualTo(entry.createdAt().plusSeconds(30).plus(Duration.ofHours(1)));
  }

  @Test
  void usesPromoteTierByTierToGlacial() {
    MemoryEntry entry = put("Should we adopt microservices?");
    int[] usesPerTier = {1, 2, 3};
    MemoryTier[] reached = {MemoryTier.MEDIUM, MemoryTier.SLOW, MemoryTier.GLACIAL};
    for (int t = 0; t < usesPerTier.length; t++) {
      for (int i = 0; i < usesPerTier[t]; i++) {
        advance(Duration.ofSeconds(10));
        store.markUsed(List.of(entry.id()));
      }
      assertThat(storedTier(entry)).isEqualTo(reached[t]);
    }
    assertThat(store.find(entry.id()).orElseThrow().placement().uses()).isEqualTo(6);
  }

  @Test
  void reachingExpiryAboveFastDemotesInsteadOfDeleting() {
    MemoryEntry entry = put("Should we adopt microservices?");
    store.markUsed(List.of(entry.id())); // MEDIUM for an hour
    advance(Duration.ofHours(1));

    assertThat(search("Should we adopt microservices?")).singleElement()
        .satisfies(m -> assertThat(m.entry().tier()).isEqualTo(MemoryTier.FAST));
    assertThat(store.sweep()).isEqualTo(1);
    assertThat(storedTier(entry)).isEqualTo(MemoryTier.FAST);

    advance(Duration.ofMinutes(1));
    store.sweep();
    assertThat(store.find(entry.id())).isEmpty();
  }

  @Test
  void sweepsOfSeveralInstancesAtOnceDemoteEachEntryOnce() throws Exception {
    List<MemoryEntry> entries = new ArrayList<>();
    for (int i = 0; i < 20; i++) entries.add(put("Question " + i + " about queues?"));
    store.markUsed(entries.stream().map(MemoryEntry::id).toList()); // MEDIUM for an hour
    advance(Duration.ofHours(1));

    List<JdbcMemoryStore> replicas = List.of(store, new JdbcMemoryStore(database, clock),
        new JdbcMemoryStore(database, clock));
    try (ExecutorService pool = Executors.newFixedThreadPool(replicas.size())) {
      List<Future<Integer>> sweeps = new ArrayList<>();
      for (JdbcMemoryStore replica : replicas) sweeps.add(pool.submit(replica::sweep));
      for (Future<Integer> sweep : sweeps) sweep.get();
    }

    assertThat(entries).allSatisfy(e -> assertThat(storedTier(e)).isEqualTo(MemoryTier.FAST));
  }

  @Test
  void aLateSweepAppliesEveryExpiryReachedMeanwhile() {
    MemoryEntry entry = put("Should we adopt microservices?");
    store.markUsed(List.of(entry.id())); // MEDIUM until 1 h, then FAST until 1 h 1 min
    advance(Duration.ofHours(2));

    assertThat(store.sweep()).isEqualTo(1);
    assertThat(store.find(entry.id())).isEmpty();
  }

  @Test
  void fastKeepsItsTenKilobytesByDroppingTheLeastRecentlyUsed() {
    List<MemoryEntry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      advance(Duration.ofSeconds(1));
      // 500 + 1536 bytes: five fit in 10 KB, six do not
      entries.add(put("global", MemoryKind.CONSENSUS, i + " " + "q".repeat(498), "t".repeat(1536), null));
    }
    put("other", MemoryKind.CONSENSUS, "q", "t", null);

    assertThat(store.find(entries.getFirst().id())).isEmpty();
    for (MemoryEntry e : entries.subList(1, 6)) assertThat(store.find(e.id())).isPresent();
    assertThat(store.countByTier("global")).containsEntry(MemoryTier.FAST, 5);
    assertThat(store.countByTier("other")).containsEntry(MemoryTier.FAST, 1);
  }

  @Test
  void aPromotionIntoAFullTierDemotesThatTiersLeastRecentlyUsed() {
    // Fill MEDIUM (100 KB) with 50 promoted entries of 2036 bytes, then promote one more.
    List<MemoryEntry> promoted = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      advance(Duration.ofMillis(100));
      MemoryEntry e = put("global", MemoryKind.CONSENSUS, i + " " + "q".repeat(498 - Integer.toString(i).length() + 1),
          "t".repeat(1536), null);
      store.markUsed(List.of(e.id()));
      promoted.add(e);
    }

    assertThat(store.countByTier("global")).containsEntry(MemoryTier.MEDIUM, 50).containsEntry(MemoryTier.FAST, 1);
    assertThat(storedTier(promoted.getFirst())).isEqualTo(MemoryTier.FAST);
    assertThat(storedTier(promoted.getLast())).isEqualTo(MemoryTier.MEDIUM);
  }

  @Test
  void searchRanksByEmbeddingSimilarityWithinLimitAndMinimum() {
    put("global", MemoryKind.CONSENSUS, "far", "far", new float[] {0, 1});
    put("global", MemoryKind.CONSENSUS, "near", "near", new float[] {0.8f, 0.6f});
    put("global", MemoryKind.CONSENSUS, "same", "same", new float[] {1, 0});
    MemoryQuery query = new MemoryQuery("anything", new float[] {1, 0}, "test-model");

    assertThat(store.search("global", query, BOTH, 10, 0.5)).extracting(m -> m.entry().question())
        .containsExactly("same", "near");
    assertThat(store.search("global", query, BOTH, 1, 0.0)).extracting(m -> m.entry().question())
        .containsExactly("same");
    assertThat(store.search("global", query, BOTH, 10, 0.0).getLast().similarity()).isZero();
  }

  @Test
  void entriesWithoutVectorsAreMatchedByTfIdf() {
    put("Should we adopt microservices for billing?");
    put("What colour should the logo be?");

    assertThat(search("Should our team adopt microservices?")).extracting(m -> m.entry().question())
        .containsExactly("Should we adopt microservices for billing?");
  }

  @Test
  void searchKeepsToItsScopeAndKinds() {
    put("a", MemoryKind.CONSENSUS, "Adopt microservices?", "Yes.", null);
    put("a", MemoryKind.DISSENT, "Adopt microservices?", "No.", null);
    put("b", MemoryKind.CONSENSUS, "Adopt microservices?", "Maybe.", null);
    MemoryQuery query = new MemoryQuery("Adopt microservices?", null, "");

    assertThat(store.search("a", query, BOTH, 10, 0.5)).extracting(m -> m.entry().text())
        .containsExactlyInAnyOrder("Yes.", "No.");
    assertThat(store.search("a", query, Set.of(MemoryKind.DISSENT), 10, 0.5)).extracting(m -> m.entry().text())
        .containsExactly("No.");
    assertThat(store.search("c", query, BOTH, 10, 0.0)).isEmpty();
  }

  @Test
  void markingUnknownOrExpiredIdsChangesNothingElse() {
    MemoryEntry entry = put("Adopt microservices?");
    advance(Duration.ofMinutes(2));

    store.markUsed(List.of(entry.id(), "mem_unknown"));

    assertThat(store.find(entry.id())).isEmpty();
  }
}
