package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.Agent;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.agent.Prompts;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.debate.event.DebateResumed;
import dev.aragora.core.debate.event.EventCodec;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.Usage;
import dev.aragora.core.provider.http.Json;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A debate stopped at any point and resumed from its stored events ends as the uninterrupted run
 * does, with one continuous event sequence and exactly one {@code debate_end}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArenaResumeTest {
  private static final String QUESTION = "Which queue should we use?";
  private static final EventCodec CODEC = new EventCodec(Json.mapper());

  /** Deterministic for (agent, phase, round, target); votes for the first candidate; costs by tokens. */
  private static final ChatProvider STEADY = (request, tokens) -> {
    String prompt = request.messages().get(0).content();
    String text = switch (request.context().phase()) {
      case "critique" -> "{\"issues\":[\"" + request.context().target() + " is vague\"],\"suggestions\":[\"be specific\"],"
          + "\"severity\":6}";
      case "vote" -> "{\"choice\":\"" + Prompts.sectionNames(prompt).get(0) + "\",\"confidence\":0.8}";
      case "judge_vote" -> "{\"choice\":\"accept\",\"confidence\":0.7}";
      default -> request.context().agent() + " says round " + request.context().round() + " phase "
          + request.context().phase() + ": use a durable log with " + request.context().agent().length() + " partitions";
    };
    if (request.stream()) tokens.onToken(text);
    return new ChatResponse(text, new Usage(10, 5), "fake", request.model(), "stop");
  };

  private static Arena arena(ChatProvider provider) {
    return new Arena((specs, listeners) -> specs.stream()
        .map(s -> new Agent(s, provider, "m", "", "", (p, m, u) -> u.inputTokens() * 1e-4 + u.outputTokens() * 2e-4))
        .toList(), Similarity.tfidf(), VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);
  }

  private static DebateRequest request(ConsensusMode mode) {
    return DebateRequest.of(QUESTION, AgentSpec.parseList("demo:a,demo:b,demo:c")).withRounds(2).withConsensus(mode)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));
  }

  private record Run(DebateResult result, List<EventEnvelope> events) {}

  private static Run fresh(DebateRequest request) {
    List<EventEnvelope> events = Collections.synchronizedList(new ArrayList<>());
    DebateResult result = arena(STEADY).run("d", request, events::add, new DebateControl());
    return new Run(result, List.copyOf(events));
  }

  /** The events through the {@code n}-th (1-based) one matching {@code where}, as stored and read back. */
  private static List<EventEnvelope> cutAfter(List<EventEnvelope> events, Predicate<EventEnvelope> where, int n) {
    int seen = 0;
    for (int i = 0; i < events.size(); i++) {
      if (where.test(events.get(i)) && ++seen == n) return stored(events.subList(0, i + 1));
    }
    throw new AssertionError("no " + n + "th matching event");
  }

  private static List<EventEnvelope> stored(List<EventEnvelope> events) {
    return events.stream().map(e -> {
      try {
        return CODEC.decode(Json.mapper().writeValueAsString(e));
      } catch (Exception ex) {
        throw new AssertionError(ex);
      }
    }).toList();
  }

  private static Predicate<EventEnvelope> phase(String phase, int round) {
    return e -> e.type().equals("phase_start") && e.round() == round
        && ((dev.aragora.core.debate.event.PhaseStarted) e.data()).phase().equals(phase);
  }

  private static Predicate<EventEnvelope> type(String type) {
    return e -> e.type().equals(type);
  }

  private static Run resume(DebateRequest request, List<EventEnvelope> prior) {
    List<EventEnvelope> events = Collections.synchronizedList(new ArrayList<>());
    DebateResult result = arena(STEADY).resume("d", request, prior, events::add, new DebateControl(), "test restart");
    return new Run(result, List.copyOf(events));
  }

  /** Resumes from {@code prior} and checks the result against {@code whole} and the joined sequence. */
  private static Run resumesLike(Run whole, DebateRequest request, List<EventEnvelope> prior, boolean sameUsage) {
    Run rest = resume(request, prior);
    assertSameDecision(rest.result(), whole.result(), sameUsage);
    List<EventEnvelope> all = new ArrayList<>(prior);
    all.addAll(rest.events());
    assertContinuous(all);
    assertThat(rest.events().get(0).data()).isInstanceOfSatisfying(DebateResumed.class, r -> {
      assertThat(r.fromSeq()).isLessThanOrEqualTo(prior.size());
      assertThat(r.reason()).isEqualTo("test restart");
    });
    return rest;
  }

  static void assertContinuous(List<EventEnvelope> events) {
    for (int i = 0; i < events.size(); i++) assertThat(events.get(i).seq()).as("seq at %d", i).isEqualTo(i + 1);
    assertThat(events).filteredOn(e -> e.type().equals("debate_end")).hasSize(1);
    assertThat(events.get(events.size() - 1).type()).isEqualTo("debate_end");
  }

  private static void assertSameDecision(DebateResult actual, DebateResult expected, boolean sameUsage) {
    assertThat(actual.status()).isEqualTo(expected.status());
    assertThat(actual.finalAnswer()).isEqualTo(expected.finalAnswer());
    assertThat(actual.winner()).isEqualTo(expected.winner());
    assertThat(actual.confidence()).isEqualTo(expected.confidence());
    assertThat(actual.consensusStrength()).isEqualTo(expected.consensusStrength());
    assertThat(actual.roundsUsed()).isEqualTo(expected.roundsUsed());
    assertThat(actual.proposals()).isEqualTo(expected.proposals());
    assertThat(actual.finalPositions()).isEqualTo(expected.finalPositions());
    assertThat(actual.votes()).isEqualTo(expected.votes());
    assertThat(actual.critiques()).containsExactlyInAnyOrderElementsOf(expected.critiques());
    assertThat(actual.dissentingViews()).isEqualTo(expected.dissentingViews());
    assertThat(actual.convergenceStatus()).isEqualTo(expected.convergenceStatus());
    assertThat(actual.agentFailures()).isEqualTo(expected.agentFailures());
    assertThat(actual.messages()).extracting(Message::role, Message::agent, Message::content, Message::round)
        .containsExactlyElementsOf(expected.messages().stream()
            .map(m -> org.assertj.core.groups.Tuple.tuple(m.role(), m.agent(), m.content(), m.round())).toList());
    if (sameUsage) {
      assertThat(actual.usage()).isEqualTo(expected.usage());
      assertThat(actual.totalCostUsd()).isEqualTo(expected.totalCostUsd());
    } else {
      // the unfinished phase's calls were made twice, and both are counted
      actual.usage().forEach((agent, u) -> assertThat(u.calls()).isGreaterThanOrEqualTo(expected.usage().get(agent).calls()));
      assertThat(actual.totalCostUsd()).isGreaterThan(expected.totalCostUsd());
    }
  }

  @Test
  void theWholeRunIsDeterministic() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run a = fresh(request);
    Run b = fresh(request);
    assertSameDecision(a.result(), b.result(), true);
    assertThat(a.result().roundsUsed()).isEqualTo(2);
    assertThat(a.result().totalCostUsd()).isPositive();
  }

  @Test
  void resumesRightAfterDebateStartByProposingAgain() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), type("debate_start"), 1), true);

    assertThat(((DebateResumed) rest.events().get(0).data()).phase()).isEqualTo("proposal");
    assertThat(rest.events().get(1).type()).isEqualTo("phase_start");
  }

  @Test
  void resumesMidProposalsByProposingAgain() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    resumesLike(whole, request, cutAfter(whole.events(), type("agent_message"), 2), false);
  }

  @Test
  void resumesAfterProposalsAtTheFirstRound() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), type("round_start"), 1), true);

    DebateResumed resumed = (DebateResumed) rest.events().get(0).data();
    assertThat(resumed.phase()).isEqualTo("round");
    assertThat(resumed.round()).isEqualTo(1);
    assertThat(rest.events().get(1).type()).isEqualTo("round_start");
  }

  @Test
  void resumesMidCritiqueByCritiquingAgain() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);
    List<EventEnvelope> prior = cutAfter(whole.events(), type("critique"), 2);

    Run rest = resumesLike(whole, request, prior, false);

    DebateResumed resumed = (DebateResumed) rest.events().get(0).data();
    assertThat(resumed.phase()).isEqualTo("critique");
    assertThat(resumed.round()).isEqualTo(1);
    // the kept events end before the critique phase's phase_start: it and the two critiques are superseded
    assertThat(prior.get((int) resumed.fromSeq()).type()).isEqualTo("phase_start");
    assertThat(rest.events()).filteredOn(e -> e.type().equals("critique") && e.round() == 1).hasSize(6);
  }

  @Test
  void resumesAfterRevisionAtTheConvergenceCheck() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), phase("convergence", 1), 1), true);

    assertThat(((DebateResumed) rest.events().get(0).data()).phase()).isEqualTo("convergence");
  }

  @Test
  void resumesInTheSecondRoundRevision() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    resumesLike(whole, request, cutAfter(whole.events(), phase("revision", 2), 1), true);
  }

  @Test
  void resumesDuringVotesByVotingAgain() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), type("vote"), 1), false);

    assertThat(((DebateResumed) rest.events().get(0).data()).phase()).isEqualTo("vote");
    assertThat(rest.events()).filteredOn(type("vote")).hasSize(3);
  }

  @Test
  void resumesAfterTheConsensusEventWithoutCallingAgents() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), type("consensus"), 1), true);

    assertThat(((DebateResumed) rest.events().get(0).data()).phase()).isEqualTo("consensus");
    assertThat(rest.events()).extracting(EventEnvelope::type)
        .containsExactly("debate_resumed", "phase_start", "consensus", "debate_end");
  }

  @Test
  void inJudgeModeResumesDuringTheSynthesisByAskingTheJudgeAgain() {
    DebateRequest request = request(ConsensusMode.JUDGE);
    Run whole = fresh(request);
    assertThat(whole.result().winner()).isNotEmpty();

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), phase("synthesis", 3), 1), true);

    assertThat(((DebateResumed) rest.events().get(0).data()).phase()).isEqualTo("synthesis");
  }

  @Test
  void inJudgeModeResumesDuringTheVoteKeepingTheJudgesSynthesis() {
    DebateRequest request = request(ConsensusMode.JUDGE);
    Run whole = fresh(request);

    Run rest = resumesLike(whole, request, cutAfter(whole.events(), type("vote"), 1), false);

    assertThat(((DebateResumed) rest.events().get(0).data()).phase()).isEqualTo("vote");
    assertThat(rest.events()).filteredOn(e -> e.type().equals("agent_message")).isEmpty();
  }

  @Test
  void aDebateResumedTwiceStillEndsLikeTheUninterruptedOne() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);
    List<EventEnvelope> first = cutAfter(whole.events(), type("critique"), 3);
    Run second = resume(request, first);
    List<EventEnvelope> joined = new ArrayList<>(first);
    joined.addAll(second.events());
    // stop the resumed run again, in its second round's critiques
    List<EventEnvelope> prior = cutAfter(joined, e -> e.type().equals("critique") && e.round() == 2, 2);

    Run third = resumesLike(whole, request, prior, false);

    assertThat(third.events()).filteredOn(e -> e.type().equals("critique") && e.round() == 2).hasSize(6);
  }

  @Test
  void eventsThatAlreadyEndTheDebateGiveBackItsResultAndEmitNothing() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run again = resume(request, stored(whole.events()));

    assertThat(again.events()).isEmpty();
    assertThat(again.result().status()).isEqualTo(whole.result().status());
    assertThat(again.result().finalAnswer()).isEqualTo(whole.result().finalAnswer());
    assertThat(again.result().votes()).isEqualTo(whole.result().votes());
    assertThat(again.result().usage()).isEqualTo(whole.result().usage());
    assertThat(again.result().totalCostUsd()).isEqualTo(whole.result().totalCostUsd());
  }

  @Test
  void eventsOfAnotherTeamEndTheDebateAsFailedWithTheReason() {
    Run whole = fresh(request(ConsensusMode.MAJORITY));
    List<EventEnvelope> prior = cutAfter(whole.events(), type("critique"), 1);
    DebateRequest other = DebateRequest.of(QUESTION, AgentSpec.parseList("demo:a,demo:b,demo:x")).withRounds(2);

    Run rest = resume(other, prior);

    assertThat(rest.result().status()).isEqualTo(DebateStatus.FAILED);
    assertThat(rest.result().error()).startsWith("cannot resume:").contains("demo:x");
    assertThat(rest.events()).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("debate_end");
      assertThat(e.seq()).isEqualTo(prior.size() + 1);
    });
  }

  @Test
  void eventsWithAGapCannotBeResumed() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);
    List<EventEnvelope> prior = new ArrayList<>(cutAfter(whole.events(), type("critique"), 3));
    prior.remove(4);

    Run rest = resume(request, prior);

    assertThat(rest.result().status()).isEqualTo(DebateStatus.FAILED);
    assertThat(rest.result().error()).contains("not continuous");
  }

  @Test
  void withoutPriorEventsResumeRunsTheDebateFromTheStart() {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);

    Run rest = resume(request, List.of());

    assertSameDecision(rest.result(), whole.result(), true);
    assertThat(rest.events().get(0).type()).isEqualTo("debate_start");
  }

  @Test
  void aSuspendedDebateStopsWithoutDebateEndAndResumesFromItsEvents() throws Exception {
    DebateRequest request = request(ConsensusMode.MAJORITY);
    Run whole = fresh(request);
    ChatProvider slowCritic = (r, tokens) -> {
      if (r.context().phase().equals("critique")) Thread.sleep(60_000);
      return STEADY.chat(r, tokens);
    };
    List<EventEnvelope> events = Collections.synchronizedList(new ArrayList<>());
    DebateControl control = new DebateControl();
    CompletableFuture<DebateResult> run = CompletableFuture.supplyAsync(
        () -> arena(slowCritic).run("d", request, events::add, control));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events.stream().noneMatch(phase("critique", 1)) && System.nanoTime() < until) Thread.sleep(5);

    long start = System.nanoTime();
    control.suspend("shutting down");
    DebateResult suspended = run.get(5, TimeUnit.SECONDS);

    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    assertThat(suspended.status()).isEqualTo(DebateStatus.SUSPENDED);
    assertThat(suspended.error()).isEqualTo("shutting down");
    List<EventEnvelope> prior = stored(List.copyOf(events));
    assertThat(prior).noneMatch(type("debate_end"));
    assertThat(prior.get(prior.size() - 1).type()).isEqualTo("phase_start");

    resumesLike(whole, request, prior, true);
  }

  @Test
  void cancelWinsOverSuspend() {
    DebateControl control = new DebateControl();
    control.cancel("user");
    control.suspend("shutdown");

    assertThat(control.isCancelled()).isTrue();
    assertThat(control.isSuspended()).isFalse();
    assertThat(control.reason()).isEqualTo("user");
  }
}
