package dev.aragora.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DebateStatus;
import dev.aragora.core.debate.DissentRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DebateMemoryTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;
  private final InMemoryStore store = new InMemoryStore(clock);
  private final DebateMemory memory = new DebateMemory(store, MemoryEmbedder.none(), clock, 3, 0.3);

  static DebateResult result(String id, String question, DebateStatus status, String answer, DissentRecord... dissent) {
    return new DebateResult(id, question, answer, 0.75, true, "strong", status, "majority", 2, "optimist",
        List.of("optimist", "skeptic"), Map.of(), Map.of(), List.of(), List.of(), List.of(dissent), "converged", 0.9,
        Map.of(), 1.0, Map.of(), 0.0, List.of(), true, "");
  }

  @Test
  void remembersTheDecisionAndEachDissentAsFastEntries() {
    List<MemoryEntry> stored = memory.remember(DebateMemory.GLOBAL, result("d1", "Should we adopt microservices?",
        DebateStatus.CONSENSUS_REACHED, "Adopt them gradually.",
        new DissentRecord("skeptic", "Stay with the monolith.", "skeptic", 0.6, "risk")));

    assertThat(stored).extracting(MemoryEntry::kind).containsExactly(MemoryKind.CONSENSUS, MemoryKind.DISSENT);
    assertThat(stored).allSatisfy(e -> {
      assertThat(e.tier()).isEqualTo(MemoryTier.FAST);
      assertThat(e.debateId()).isEqualTo("d1");
      assertThat(e.question()).isEqualTo("Should we adopt microservices?");
    });
    assertThat(stored.get(0).agent()).isEqualTo("optimist");
    assertThat(stored.get(1).agent()).isEqualTo("skeptic");
    assertThat(store.entries).hasSize(2);
  }

  @Test
  void undecidedDebatesAreNotRemembered() {
    assertThat(memory.remember("s", result("d1", "Q?", DebateStatus.FAILED, "x"))).isEmpty();
    assertThat(memory.remember("s", result("d2", "Q?", DebateStatus.CANCELLED, "x"))).isEmpty();
    assertThat(memory.remember("s", result("d3", "Q?", DebateStatus.COMPLETED, " "))).isEmpty();
    assertThat(store.entries).isEmpty();
  }

  @Test
  void recallQuotesTheSimilarDecisionAndDissentButNotUnrelatedOnes() {
    memory.remember("s", result("d1", "Should we adopt microservices for the billing system?",
        DebateStatus.CONSENSUS_REACHED, "Adopt them gradually, billing first.",
        new DissentRecord("skeptic", "Stay with the monolith.", "skeptic", 0.6, "")));
    memory.remember("s", result("d2", "What colour should the logo be?", DebateStatus.COMPLETED, "Blue."));

    Recollection r = memory.recall("s", "Should we adopt microservices for billing?");

    assertThat(r.context()).startsWith(DebateMemory.HEADING)
        .contains("Adopt them gradually, billing first.", DebateMemory.DISSENT_HEADING,
            "skeptic on \"Should we adopt microservices for the billing system?\": Stay with the monolith.")
        .doesNotContain("Blue");
    assertThat(r.matches()).hasSize(2);
    assertThat(r.context().length()).isLessThanOrEqualTo(DebateMemory.MAX_CONTEXT_CHARS);
  }

  @Test
  void recallIsNotAUseUntilMarkedAndMarkingPromotes() {
    memory.remember("s", result("d1", "Adopt microservices?", DebateStatus.COMPLETED, "Yes, gradually."));
    Recollection r = memory.recall("s", "Adopt microservices?");
    assertThat(store.entries.values()).allSatisfy(e -> assertThat(e.placement().uses()).isZero());

    memory.used(r);

    assertThat(store.entries.values()).singleElement().satisfies(e -> {
      assertThat(e.tier()).isEqualTo(MemoryTier.MEDIUM);
      assertThat(e.placement().uses()).isEqualTo(1);
    });
  }

  @Test
  void anUnusedEntryIsForgottenAfterAMinute() {
    memory.remember("s", result("d1", "Adopt microservices?", DebateStatus.COMPLETED, "Yes."));
    now.updateAndGet(t -> t.plus(Duration.ofSeconds(60)));

    assertThat(memory.recall("s", "Adopt microservices?").isEmpty()).isTrue();
  }

  @Test
  void scopesAreSeparateAndALimitOfZeroRecallsNothing() {
    memory.remember("a", result("d1", "Adopt microservices?", DebateStatus.COMPLETED, "Yes."));

    assertThat(memory.recall("b", "Adopt microservices?").isEmpty()).isTrue();
    assertThat(new DebateMemory(store, MemoryEmbedder.none(), clock, 0, 0.3).recall("a", "Adopt microservices?"))
        .isEqualTo(Recollection.NONE);
  }

  @Test
  void theBlockStaysWithinItsCharacterBound() {
    String longAnswer = "word ".repeat(400);
    for (int i = 0; i < 5; i++)
      memory.remember("s", result("d" + i, "Adopt microservices now " + i + "?", DebateStatus.COMPLETED, longAnswer,
          new DissentRecord("skeptic", longAnswer, "skeptic", 0.5, "")));
    DebateMemory wide = new DebateMemory(store, MemoryEmbedder.none(), clock, 10, 0.1);

    Recollection r = wide.recall("s", "Adopt microservices now?");

    assertThat(r.context().length()).isLessThanOrEqualTo(DebateMemory.MAX_CONTEXT_CHARS);
    assertThat(r.matches()).isNotEmpty().hasSizeLessThan(10);
  }

  @Test
  void theRecollectionIsAddedAfterTheRequestsOwnContext() {
    memory.remember("s", result("d1", "Adopt microservices?", DebateStatus.COMPLETED, "Yes."));
    Recollection r = memory.recall("s", "Adopt microservices?");
    DebateRequest request = DebateRequest.of("Adopt microservices?",
        List.of(AgentSpec.parse("demo:a"), AgentSpec.parse("demo:b"))).withContext("We are a bank.");

    assertThat(r.applyTo(request).context()).startsWith("We are a bank.\n\n" + DebateMemory.HEADING);
    assertThat(Recollection.NONE.applyTo(request)).isSameAs(request);
  }

  @Test
  void withTheBundledModelAParaphraseIsRecalledWhereTfIdfMissesIt() {
    String asked = "Should we migrate our monolith to microservices?";
    String paraphrase = "Is splitting a monolithic application into microservices a good idea?";
    DebateMemory embedded = new DebateMemory(store, MemoryEmbedder.bundled(true), clock, 3, 0.5);
    embedded.remember("s", result("d1", asked, DebateStatus.COMPLETED, "Only the billing module, first."));

    MemoryEntry stored = store.entries.values().iterator().next();
    assertThat(stored.model()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(stored.vector()).hasSize(384);
    assertThat(embedded.recall("s", paraphrase).context()).contains("Only the billing module, first.");
    assertThat(embedded.recall("s", "What colour should the logo be?").isEmpty()).isTrue();
    assertThat(MemoryQuery.of(paraphrase, MemoryEmbedder.none()).vector()).isEmpty();
    assertThat(stored.similarityTo(MemoryQuery.of(paraphrase, MemoryEmbedder.none()))).isLessThan(0.5);
  }
}
