package dev.aragora.core.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.agent.StandardAgentFactory;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.Similarity;
import dev.aragora.core.debate.event.AgentMessage;
import dev.aragora.core.debate.event.ConvergenceChecked;
import dev.aragora.core.debate.event.AgentError;
import dev.aragora.core.debate.event.CritiquePosted;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.core.debate.event.TokenDelta;
import dev.aragora.core.provider.CostModel;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.core.provider.demo.DemoProvider;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.core.testing.FakeVendorServer;
import dev.aragora.core.testing.RecordedRequest;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.VendorBodies;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole debates against a fake vendor server speaking the OpenAI, Anthropic and Gemini wire formats. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ArenaTest {
  private static final String OPENAI = "openai-api";
  private static final String ANTHROPIC = "anthropic-api";
  private static final String GEMINI = "gemini";
  private static final String QUESTION = "Should we migrate our monolith to microservices?";
  private static final Pattern SYSTEM = Pattern.compile("You are (\\S+?), one of several");
  private static final Pattern TARGET = Pattern.compile("Critique this answer by (\\S+?):");

  /** One vendor call as the dispatcher sees it. */
  record Call(String agent, String phase, String target, RecordedRequest request) {}

  private FakeVendorServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<EventEnvelope> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger revisionCounter = new AtomicInteger();
  /** Voter → the agent (or accept/reject) it votes for. */
  private final Map<String, String> choices = new ConcurrentHashMap<>();
  /** Voter → its vote confidence. */
  private final Map<String, Double> confidences = new ConcurrentHashMap<>();
  /** Answers a call differently from the default; returns null to fall through. */
  private volatile Function<Call, Scripted> override = c -> null;
  private volatile boolean identicalRevisions;
  /** Backoff delays the retry link asked for (the test sleeper returns at once). */
  private final List<java.time.Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() {
    server = FakeVendorServer.start();
    server.dispatcher(this::answer);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  // ---- consensus modes ------------------------------------------------------------------------

  @Test
  void majorityIsReachedWithTwoOfThreeVotes() {
    votes(Map.of(OPENAI, ANTHROPIC, ANTHROPIC, ANTHROPIC, GEMINI, GEMINI), Map.of(OPENAI, 0.9, ANTHROPIC, 0.6, GEMINI, 0.8));

    DebateResult result = run(request(ConsensusMode.MAJORITY));

    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.consensusReached()).isTrue();
    assertThat(result.winner()).isEqualTo(ANTHROPIC);
    assertThat(result.finalAnswer()).isEqualTo(result.finalPositions().get(ANTHROPIC));
    assertThat(result.agents().keySet()).containsExactlyElementsOf(result.participants());
    assertThat(result.agents().get(ANTHROPIC).provider()).isEqualTo("anthropic");
    assertThat(result.agents().get(GEMINI).provider()).isEqualTo("gemini");
    // posterior over three positions: evidence ln 18 + ln 3 for the winner, ln 8 for the other
    assertThat(result.confidence()).isCloseTo(54.0 / (54 + 8 + 1), within(1e-4));
    assertThat(result.votes()).hasSize(3);
    assertThat(result.dissentingViews()).singleElement().satisfies(d -> {
      assertThat(d.agent()).isEqualTo(GEMINI);
      assertThat(d.votedFor()).isEqualTo(GEMINI);
    });
    assertThat(types()).contains("vote", "consensus");
  }

  @Test
  void supermajorityIsReachedAtTwoThirds() {
    votes(Map.of(OPENAI, GEMINI, ANTHROPIC, GEMINI, GEMINI, ANTHROPIC), Map.of());

    DebateResult result = run(request(ConsensusMode.SUPERMAJORITY));

    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.winner()).isEqualTo(GEMINI);
  }

  @Test
  void supermajorityIsNotReachedOnAThreeWaySplit() {
    votes(Map.of(OPENAI, OPENAI, ANTHROPIC, ANTHROPIC, GEMINI, GEMINI), Map.of());

    DebateResult result = run(request(ConsensusMode.SUPERMAJORITY));

    assertThat(result.consensusReached()).isFalse();
    assertThat(result.status()).isEqualTo(DebateStatus.COMPLETED);
  }

  @Test
  void unanimousIsNotReachedWithTwoOfThree() {
    votes(Map.of(OPENAI, GEMINI, ANTHROPIC, GEMINI, GEMINI, ANTHROPIC), Map.of());

    DebateResult result = run(request(ConsensusMode.UNANIMOUS));

    assertThat(result.consensusReached()).isFalse();
    assertThat(result.status()).isEqualTo(DebateStatus.COMPLETED);
    assertThat(result.winner()).isEqualTo(GEMINI);
  }

  @Test
  void unanimousIsReachedWhenEveryoneAgrees() {
    votes(Map.of(OPENAI, GEMINI, ANTHROPIC, GEMINI, GEMINI, GEMINI), Map.of());

    DebateResult result = run(request(ConsensusMode.UNANIMOUS));

    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.consensusStrength()).isEqualTo("unanimous");
    assertThat(result.dissentingViews()).isEmpty();
  }

  @Test
  void weightedModeLetsOneConfidentVoteBeatTwoUnsureOnes() {
    votes(Map.of(OPENAI, ANTHROPIC, ANTHROPIC, ANTHROPIC, GEMINI, GEMINI), Map.of(OPENAI, 0.3, ANTHROPIC, 0.3, GEMINI, 0.9));

    DebateResult weighted = run(request(ConsensusMode.WEIGHTED));

    assertThat(weighted.winner()).isEqualTo(GEMINI);
    assertThat(weighted.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    // votes at 0.3 among three positions are below chance (no evidence); 0.9 is ln 18
    assertThat(weighted.confidence()).isCloseTo(18.0 / 20, within(1e-4));
  }

  @Test
  void anArenaWithOtherWeightsCountsTheVotesWithThem() {
    votes(Map.of(OPENAI, ANTHROPIC, ANTHROPIC, ANTHROPIC, GEMINI, GEMINI), Map.of(OPENAI, 0.3, ANTHROPIC, 0.3, GEMINI, 0.9));
    java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    DebateResult weighted = arena().withWeights(agent -> {
      asked.add(agent);
      return 1.0;
    }).run("d-weights", request(ConsensusMode.WEIGHTED), events::add, new DebateControl());

    assertThat(asked).containsExactlyInAnyOrder(OPENAI, ANTHROPIC, GEMINI);
    assertThat(weighted.winner()).isEqualTo(GEMINI);
  }

  @Test
  void judgeSynthesisAcceptedByBothVotersHasConfidenceFromTheirVotes() {
    votes(Map.of(ANTHROPIC, "accept", GEMINI, "accept"), Map.of(ANTHROPIC, 0.9, GEMINI, 0.7));

    DebateResult result = run(request(ConsensusMode.JUDGE));

    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.winner()).isEqualTo(OPENAI);
    assertThat(result.finalAnswer()).isEqualTo("Synthesis by " + OPENAI + ": adopt a modular monolith first.");
    // three distinct positions (K = 3); prior: the judge is as reliable as the voters say they are,
    // logit(0.8) = ln 4; accepts add ln(0.9·2/0.1) = ln 18 and ln(0.7·2/0.3) = ln(14/3): L = ln 336
    assertThat(result.confidence()).isCloseTo(336.0 / 337, within(1e-4));
    assertThat(calls).filteredOn(c -> c.phase().equals("synthesis")).extracting(Call::agent).containsExactly(OPENAI);
    assertThat(calls).filteredOn(c -> c.phase().equals("judge_vote")).extracting(Call::agent)
        .containsExactlyInAnyOrder(ANTHROPIC, GEMINI);
    assertThat(calls).noneMatch(c -> c.phase().equals("vote"));
  }

  @Test
  void judgeSynthesisRejectedByItsOnlyVoterIsNoConsensusAndATossUp() {
    votes(Map.of(ANTHROPIC, "reject"), Map.of(ANTHROPIC, 0.9));
    var request = new DebateRequest(QUESTION, AgentSpec.parseList(OPENAI + "," + ANTHROPIC), 1, ConsensusMode.JUDGE,
        Topology.ALL_TO_ALL, Duration.ofSeconds(10), Duration.ofSeconds(20), "", OPENAI);

    DebateResult result = run(request);

    assertThat(result.consensusReached()).isFalse();
    assertThat(result.status()).isEqualTo(DebateStatus.COMPLETED);
    // two positions (K = 2): the prior logit(0.9) = ln 9 and the reject's −ln 9 cancel
    assertThat(result.confidence()).isCloseTo(0.5, within(1e-4));
    assertThat(result.dissentingViews()).singleElement().satisfies(d -> {
      assertThat(d.agent()).isEqualTo(ANTHROPIC);
      assertThat(d.votedFor()).isEqualTo("reject");
    });
  }

  @Test
  void noVoteModeListsEveryPositionWithConfidenceFromAgreement() {
    DebateResult result = run(request(ConsensusMode.NONE));

    assertThat(result.status()).isEqualTo(DebateStatus.COMPLETED);
    assertThat(result.consensusReached()).isFalse();
    assertThat(result.votes()).isEmpty();
    assertThat(calls).noneMatch(c -> c.phase().equals("vote"));
    assertThat(result.finalAnswer()).contains("## " + OPENAI, "## " + ANTHROPIC, "## " + GEMINI);
    List<String> texts = new ArrayList<>(result.finalPositions().values());
    var tfidf = Similarity.tfidf();
    double expected = (tfidf.similarity(texts.get(0), texts.get(1)) + tfidf.similarity(texts.get(0), texts.get(2))
        + tfidf.similarity(texts.get(1), texts.get(2))) / 3;
    assertThat(result.confidence()).isCloseTo(expected, within(1e-4));
  }

  // ---- topologies ---------------------------------------------------------------------------

  @Test
  void ringTopologyHasEachAgentCritiqueTheNext() {
    run(request(ConsensusMode.MAJORITY).withTopology(Topology.RING));

    assertThat(critiquePairs(1)).containsExactlyInAnyOrder(
        OPENAI + "->" + ANTHROPIC, ANTHROPIC + "->" + GEMINI, GEMINI + "->" + OPENAI);
  }

  @Test
  void starTopologyHasTheHubAndSpokesCritiqueEachOther() {
    run(request(ConsensusMode.MAJORITY).withTopology(Topology.STAR));

    assertThat(critiquePairs(1)).containsExactlyInAnyOrder(
        OPENAI + "->" + ANTHROPIC, ANTHROPIC + "->" + OPENAI, OPENAI + "->" + GEMINI, GEMINI + "->" + OPENAI);
  }

  @Test
  void roundRobinTopologyRotatesPartnersBetweenRounds() {
    DebateResult result = run(request(ConsensusMode.MAJORITY).withTopology(Topology.ROUND_ROBIN).withRounds(2));

    assertThat(result.roundsUsed()).isEqualTo(2);
    assertThat(critiquePairs(1)).containsExactlyInAnyOrder(
        OPENAI + "->" + ANTHROPIC, ANTHROPIC + "->" + GEMINI, GEMINI + "->" + OPENAI);
    assertThat(critiquePairs(2)).containsExactlyInAnyOrder(
        OPENAI + "->" + GEMINI, ANTHROPIC + "->" + OPENAI, GEMINI + "->" + ANTHROPIC);
  }

  @Test
  void allToAllTopologyHasEveryAgentCritiqueEveryOther() {
    DebateResult result = run(request(ConsensusMode.MAJORITY).withTopology(Topology.ALL_TO_ALL));

    assertThat(critiquePairs(1)).containsExactlyInAnyOrder(
        OPENAI + "->" + ANTHROPIC, OPENAI + "->" + GEMINI, ANTHROPIC + "->" + OPENAI,
        ANTHROPIC + "->" + GEMINI, GEMINI + "->" + OPENAI, GEMINI + "->" + ANTHROPIC);
    assertThat(result.critiques()).hasSize(6).allSatisfy(c -> {
      assertThat(c.issues()).containsExactly("The cost of " + c.target() + "'s plan is ignored");
      assertThat(c.severity()).isEqualTo(6.0);
    });
  }

  // ---- events and usage -----------------------------------------------------------------------

  @Test
  void streamedTokenDeltasConcatenateToTheAgentMessage() {
    run(request(ConsensusMode.MAJORITY));

    for (String agent : List.of(OPENAI, ANTHROPIC, GEMINI)) {
      for (String role : List.of("proposal", "revision")) {
        String streamed = events.stream()
            .filter(e -> e.agent().equals(agent) && e.data() instanceof TokenDelta t && t.phase().equals(role))
            .map(e -> ((TokenDelta) e.data()).token())
            .reduce("", String::concat);
        String message = events.stream()
            .filter(e -> e.agent().equals(agent) && e.data() instanceof AgentMessage m && m.role().equals(role))
            .map(e -> ((AgentMessage) e.data()).content())
            .findFirst().orElseThrow();
        assertThat(streamed).as("%s %s", agent, role).isNotEmpty().isEqualTo(message);
      }
    }
  }

  @Test
  void eventEnvelopesAreNumberedFromOneAndFramedByStartAndEnd() {
    run(request(ConsensusMode.MAJORITY));

    assertWellFormedEvents();
    assertThat(types()).contains("round_start", "phase_start", "agent_message", "token_delta", "critique", "vote",
        "convergence", "consensus");
  }

  @Test
  void usagePerAgentCountsTokensReportedByEachVendor() {
    DebateResult result = run(request(ConsensusMode.MAJORITY));

    for (String agent : List.of(OPENAI, ANTHROPIC, GEMINI)) {
      long n = calls.stream().filter(c -> c.agent().equals(agent)).count();
      AgentUsage usage = result.usage().get(agent);
      assertThat(n).isEqualTo(1 + 2 + 1 + 1); // proposal, two critiques, revision, vote
      assertThat(usage.calls()).isEqualTo(n);
      assertThat(usage.tokensIn()).isEqualTo(n * tokensIn(agent));
      assertThat(usage.tokensOut()).isEqualTo(n * tokensOut(agent));
    }
  }

  // ---- failures -------------------------------------------------------------------------------

  @Test
  void aServerErrorIsRetriedAndTheDebateDoesNotNoticeIt() {
    AtomicBoolean failedOnce = new AtomicBoolean();
    override = c -> c.agent().equals(ANTHROPIC) && c.phase().equals("proposal") && failedOnce.compareAndSet(false, true)
        ? Scripted.json(500, VendorBodies.anthropicError("api_error", "Internal server error"))
        : null;

    DebateResult result = run(request(ConsensusMode.MAJORITY));

    assertThat(result.agentFailures()).isEmpty();
    assertThat(result.proposals()).containsKey(ANTHROPIC);
    assertThat(calls).filteredOn(c -> c.agent().equals(ANTHROPIC) && c.phase().equals("proposal")).hasSize(2);
    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(events).filteredOn(e -> e.data() instanceof AgentError).singleElement().satisfies(e -> {
      AgentError error = (AgentError) e.data();
      assertThat(e.agent()).isEqualTo(ANTHROPIC);
      assertThat(error.recoverable()).isTrue();
      assertThat(error.errorType()).isEqualTo("server_error");
      assertThat(error.phase()).isEqualTo("proposal");
      assertThat(error.message()).contains("retrying (attempt 2)");
    });
  }

  @Test
  void aRateLimitIsRetriedAfterTheDelayTheVendorAskedFor() {
    AtomicBoolean limitedOnce = new AtomicBoolean();
    override = c -> c.agent().equals(GEMINI) && c.phase().equals("proposal") && limitedOnce.compareAndSet(false, true)
        ? Scripted.json(429, VendorBodies.geminiError(429, "RESOURCE_EXHAUSTED", "Too many requests, slow down"))
            .withHeader("Retry-After", "7")
        : null;

    DebateResult result = run(request(ConsensusMode.MAJORITY));

    assertThat(result.agentFailures()).isEmpty();
    assertThat(sleeps).containsExactly(java.time.Duration.ofSeconds(7));
    assertThat(calls).filteredOn(c -> c.agent().equals(GEMINI) && c.phase().equals("proposal")).hasSize(2);
    assertThat(result.proposals()).containsKey(GEMINI);
  }

  @Test
  void aMalformedStreamChunkFailsOnlyThatMoveAndTheDebateGoesOn() {
    votes(Map.of(OPENAI, GEMINI, ANTHROPIC, GEMINI, GEMINI, GEMINI), Map.of());
    override = c -> c.agent().equals(OPENAI) && c.phase().equals("proposal")
        ? Scripted.sse(List.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"delta\":{\"content\":\"Hel\"\n\n",
            "data: [DONE]\n\n"))
        : null;

    DebateResult result = run(request(ConsensusMode.MAJORITY));

    assertThat(result.agentFailures().get(OPENAI)).singleElement().satisfies(f -> {
      assertThat(f.errorType()).isEqualTo("malformed_response");
      assertThat(f.phase()).isEqualTo("proposal");
    });
    assertThat(calls).filteredOn(c -> c.agent().equals(OPENAI) && c.phase().equals("proposal")).hasSize(1);
    assertThat(result.proposals()).containsOnlyKeys(ANTHROPIC, GEMINI);
    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.winner()).isEqualTo(GEMINI);
  }

  @Test
  void anAgentRejectedForAuthIsRecordedAndTheOthersStillDecide() {
    votes(Map.of(ANTHROPIC, GEMINI, GEMINI, GEMINI), Map.of());
    override = c -> c.agent().equals(OPENAI)
        ? Scripted.json(401, VendorBodies.openAiError("Incorrect API key provided", "invalid_request_error", "invalid_api_key"))
        : null;

    DebateResult result = run(request(ConsensusMode.MAJORITY));

    assertThat(result.agentFailures()).containsOnlyKeys(OPENAI);
    assertThat(result.agentFailures().get(OPENAI)).singleElement().satisfies(f -> {
      assertThat(f.errorType()).isEqualTo("auth");
      assertThat(f.phase()).isEqualTo("proposal");
      assertThat(f.provider()).isEqualTo("openai");
    });
    assertThat(calls).filteredOn(c -> c.agent().equals(OPENAI)).hasSize(1); // auth errors are not retried
    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.winner()).isEqualTo(GEMINI);
    assertThat(types()).contains("agent_error");
  }

  @Test
  void anAgentSlowerThanTheAgentTimeoutIsRecordedAsTimeout() {
    votes(Map.of(OPENAI, GEMINI, GEMINI, GEMINI), Map.of());
    override = c -> c.agent().equals(ANTHROPIC)
        ? VendorBodies.replyFor(c.request(), "too late", 1, 1).withHeadersDelay(Duration.ofSeconds(3))
        : null;

    DebateResult result = run(request(ConsensusMode.MAJORITY).withTimeouts(Duration.ofMillis(400), Duration.ofSeconds(20)));

    assertThat(result.agentFailures()).containsOnlyKeys(ANTHROPIC);
    assertThat(result.agentFailures().get(ANTHROPIC)).singleElement()
        .satisfies(f -> assertThat(f.errorType()).isEqualTo("timeout"));
    assertThat(result.proposals()).containsOnlyKeys(OPENAI, GEMINI);
    assertThat(result.status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    assertThat(result.durationSeconds()).isLessThan(10);
  }

  @Test
  void theDebateFailsWhenOnlyOneAgentSurvivesProposals() {
    override = c -> c.agent().equals(GEMINI)
        ? null
        : Scripted.json(401, c.agent().equals(OPENAI)
            ? VendorBodies.openAiError("Incorrect API key provided", "invalid_request_error", "invalid_api_key")
            : VendorBodies.anthropicError("authentication_error", "invalid x-api-key"));

    DebateResult result = run(request(ConsensusMode.MAJORITY));

    assertThat(result.status()).isEqualTo(DebateStatus.FAILED);
    assertThat(result.consensusReached()).isFalse();
    assertThat(result.error()).contains("fewer than 2 agents");
    assertThat(result.agentFailures()).containsOnlyKeys(OPENAI, ANTHROPIC);
    assertThat(types()).doesNotContain("critique", "vote", "consensus");
    assertWellFormedEvents();
  }

  @Test
  void tooFewValidVotesIsInsufficientParticipation() {
    votes(Map.of(OPENAI, GEMINI, ANTHROPIC, "nobody", GEMINI, "nobody", OPENAI + "#2", "nobody"), Map.of());
    var request = DebateRequest.of(QUESTION, AgentSpec.parseList("openai-api,anthropic-api,gemini,openai-api"))
        .withRounds(1);

    DebateResult result = run(request);

    assertThat(result.participants()).containsExactly(OPENAI, ANTHROPIC, GEMINI, OPENAI + "#2");
    assertThat(result.votes()).hasSize(1);
    assertThat(result.status()).isEqualTo(DebateStatus.INSUFFICIENT_PARTICIPATION);
    assertThat(result.confidence()).isZero();
    assertThat(result.consensusReached()).isFalse();
    assertThat(result.agentFailures()).containsOnlyKeys(ANTHROPIC, GEMINI, OPENAI + "#2");
    assertThat(result.agentFailures().values()).allSatisfy(list -> assertThat(list).singleElement()
        .satisfies(f -> assertThat(f.errorType()).isEqualTo("malformed_response")));
  }

  @Test
  void cancellingFromAnotherThreadEndsTheDebatePromptly() throws Exception {
    CountDownLatch revising = new CountDownLatch(1);
    override = c -> {
      if (!c.phase().equals("revision")) return null;
      revising.countDown();
      return VendorBodies.replyFor(c.request(), "slow revision", 1, 1).withHeadersDelay(Duration.ofSeconds(20));
    };
    DebateControl control = new DebateControl();
    var arena = arena();
    var request = request(ConsensusMode.MAJORITY);
    // The debate runs on a thread of its own; this thread cancels it.
    CompletableFuture<DebateResult> future = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> future.complete(arena.run("d-cancel", request, events::add, control)));
    assertThat(revising.await(10, TimeUnit.SECONDS)).as("a revision request arrived").isTrue();

    long cancelledAt = System.nanoTime();
    control.cancel("stopped by the user");
    DebateResult result = future.get(5, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(2));
    assertThat(result.status()).isEqualTo(DebateStatus.CANCELLED);
    assertThat(result.error()).isEqualTo("stopped by the user");
    assertThat(events.getLast().type()).isEqualTo("debate_end");
    assertWellFormedEvents();
  }

  @Test
  void debatesRunOnCommonPoolThreadsFinishEvenWhenTheyOccupyEveryWorker() throws Exception {
    var arena = arena();
    var request = request(ConsensusMode.MAJORITY).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(8));
    int workers = Math.min(16, ForkJoinPool.getCommonPoolParallelism());
    List<CompletableFuture<DebateResult>> runs = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      String id = "d-pool-" + i;
      runs.add(CompletableFuture.supplyAsync(() -> arena.run(id, request, EventSink.DISCARD, new DebateControl())));
    }

    for (CompletableFuture<DebateResult> run : runs) {
      DebateResult result = run.get(15, TimeUnit.SECONDS);
      assertThat(result.status()).as(result.error()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
    }
  }

  @Test
  void aDebateOverItsTimeLimitFailsAndSaysSo() {
    override = c -> c.phase().equals("revision")
        ? VendorBodies.replyFor(c.request(), "slow revision", 1, 1).withHeadersDelay(Duration.ofSeconds(20))
        : null;

    DebateResult result = run(request(ConsensusMode.MAJORITY).withTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(1)));

    assertThat(result.status()).isEqualTo(DebateStatus.FAILED);
    assertThat(result.error()).contains("timed out");
    assertThat(result.durationSeconds()).isLessThan(5);
    assertWellFormedEvents();
  }

  @Test
  void identicalRevisionsConvergeAndStopTheDebateEarly() {
    identicalRevisions = true;

    DebateResult result = run(request(ConsensusMode.MAJORITY).withRounds(3));

    assertThat(result.roundsUsed()).isEqualTo(1).isLessThan(3);
    assertThat(result.convergenceStatus()).isEqualTo("converged");
    assertThat(events).filteredOn(e -> e.data() instanceof ConvergenceChecked).singleElement()
        .satisfies(e -> assertThat(((ConvergenceChecked) e.data()).status()).isEqualTo("converged"));
    assertThat(calls).filteredOn(c -> c.phase().equals("revision")).hasSize(3);
  }

  @Test
  void differentRevisionsRunEveryRequestedRound() {
    DebateResult result = run(request(ConsensusMode.MAJORITY).withRounds(2));

    assertThat(result.roundsUsed()).isEqualTo(2);
    assertThat(result.convergenceStatus()).isNotEqualTo("converged");
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private DebateRequest request(ConsensusMode mode) {
    return DebateRequest.of(QUESTION, AgentSpec.parseList(OPENAI + "," + ANTHROPIC + "," + GEMINI))
        .withRounds(1).withConsensus(mode).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  private Arena arena() {
    String base = server.baseUrl();
    Map<String, String> env = Map.of(
        "OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", base + "/v1",
        "ANTHROPIC_API_KEY", "sk-ant-test", "ANTHROPIC_BASE_URL", base,
        "GEMINI_API_KEY", "gm-test", "GEMINI_BASE_URL", base);
    var catalog = new ProviderCatalog(env, HttpClient.newHttpClient(), spec -> new DemoProvider(spec.model()));
    var factory = new StandardAgentFactory(catalog, CostModel.FREE, ProviderEventListener.NONE, false,
        sleeps::add, InstantSource.system(), 2);
    return new Arena(factory, Similarity.tfidf(), VoteWeights.EQUAL, InstantSource.system(), DebateLimits.DEFAULTS);
  }

  private DebateResult run(DebateRequest request) {
    return arena().run("d-test", request, events::add, new DebateControl());
  }

  private void votes(Map<String, String> choice, Map<String, Double> confidence) {
    choices.putAll(choice);
    confidences.putAll(confidence);
  }

  private Scripted answer(RecordedRequest request) {
    String text = allText(request.json(), new StringBuilder()).toString();
    Matcher who = SYSTEM.matcher(text);
    String agent = who.find() ? who.group(1) : "?";
    String phase;
    String target = "";
    if (text.contains("Do you accept it")) phase = "judge_vote";
    else if (text.contains("You are the judge")) phase = "synthesis";
    else if (text.contains("Critique this answer")) {
      phase = "critique";
      Matcher m = TARGET.matcher(text);
      target = m.find() ? m.group(1) : "?";
    } else if (text.contains("Vote for the position")) phase = "vote";
    else if (text.contains("revised answer")) phase = "revision";
    else phase = "proposal";
    Call call = new Call(agent, phase, target, request);
    calls.add(call);
    Scripted custom = override.apply(call);
    if (custom != null) return custom;
    return VendorBodies.replyFor(request, reply(call), tokensIn(agent), tokensOut(agent));
  }

  private String reply(Call c) {
    String name = c.agent().replace('#', 'n');
    return switch (c.phase()) {
      case "proposal" -> "Proposal by " + c.agent() + ": " + name + " favours option " + name + " because reasons.";
      case "revision" -> {
        if (identicalRevisions) yield "Proposal by " + c.agent() + ": " + name + " favours option " + name + " because reasons.";
        int n = revisionCounter.incrementAndGet();
        yield "Reworked%d view%d from%d %s%d".formatted(n, n, n, name, n);
      }
      case "critique" -> "```json\n{\"issues\": [\"The cost of " + c.target() + "'s plan is ignored\"], "
          + "\"suggestions\": [\"Estimate it\"], \"severity\": 6, \"reasoning\": \"Costs matter.\"}\n```";
      case "vote" -> voteJson(c.agent(), OPENAI);
      case "synthesis" -> "Synthesis by " + c.agent() + ": adopt a modular monolith first.";
      case "judge_vote" -> voteJson(c.agent(), "accept");
      default -> throw new IllegalStateException(c.phase());
    };
  }

  private String voteJson(String voter, String fallbackChoice) {
    return "{\"choice\": \"" + choices.getOrDefault(voter, fallbackChoice) + "\", \"confidence\": "
        + confidences.getOrDefault(voter, 0.8) + ", \"reasoning\": \"" + voter + " thinks so\", \"continue_debate\": false}";
  }

  private static StringBuilder allText(JsonNode node, StringBuilder out) {
    if (node.isTextual()) out.append(node.asText()).append('\n');
    node.forEach(child -> allText(child, out));
    return out;
  }

  private static long tokensIn(String agent) {
    return switch (agent) {
      case OPENAI -> 11;
      case ANTHROPIC -> 13;
      case GEMINI -> 17;
      default -> 5;
    };
  }

  private static long tokensOut(String agent) {
    return switch (agent) {
      case OPENAI -> 3;
      case ANTHROPIC -> 5;
      case GEMINI -> 7;
      default -> 2;
    };
  }

  private List<String> critiquePairs(int round) {
    return events.stream()
        .filter(e -> e.round() == round && e.data() instanceof CritiquePosted)
        .map(e -> e.agent() + "->" + ((CritiquePosted) e.data()).target())
        .toList();
  }

  private List<String> types() {
    return events.stream().map(EventEnvelope::type).toList();
  }

  private void assertWellFormedEvents() {
    assertThat(events).isNotEmpty();
    assertThat(events.getFirst().type()).isEqualTo("debate_start");
    assertThat(events.getLast().type()).isEqualTo("debate_end");
    assertThat(types()).filteredOn("debate_end"::equals).hasSize(1);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).seq()).isEqualTo(i + 1);
      assertThat(events.get(i).debateId()).isEqualTo(events.getFirst().debateId()).isNotEmpty();
    }
  }
}
