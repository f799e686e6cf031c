package dev.aragora.core.debate;

import dev.aragora.core.agent.Agent;
import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.consensus.Ballot;
import dev.aragora.core.consensus.ConsensusOutcome;
import dev.aragora.core.consensus.ConsensusStrategy;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.convergence.ConvergenceDetector;
import dev.aragora.core.convergence.ConvergenceResult;
import dev.aragora.core.convergence.SimilarityScorer;
import dev.aragora.core.debate.event.AgentError;
import dev.aragora.core.debate.event.AgentMessage;
import dev.aragora.core.debate.event.ConsensusDecided;
import dev.aragora.core.debate.event.ConvergenceChecked;
import dev.aragora.core.debate.event.CritiquePosted;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.DebateResumed;
import dev.aragora.core.debate.event.DebateStarted;
import dev.aragora.core.debate.event.PhaseStarted;
import dev.aragora.core.debate.event.RoundStarted;
import dev.aragora.core.debate.event.TokenDelta;
import dev.aragora.core.debate.event.VoteCast;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.TokenListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One debate's mutable state and its phases. Used by one thread; agent calls fan out to virtual threads. */
final class DebateRun {

  private final String debateId;
  private final DebateRequest request;
  private final List<Agent> agents;
  private final Emitter events;
  private final DebateControl control;
  private final InstantSource clock;
  private final ExecutorService executor;
  private final ConvergenceDetector convergence;
  private final SimilarityScorer similarity;
  private final VoteWeights weights;
  private final Instant started;
  private final Instant deadline;

  private final Map<String, String> proposals = new LinkedHashMap<>();
  private final Map<String, String> positions = new LinkedHashMap<>();
  private final List<Critique> critiques = new ArrayList<>();
  private final List<Vote> votes = new ArrayList<>();
  private final List<Message> messages = new ArrayList<>();
  private final Map<String, List<AgentFailure>> failures = new ConcurrentHashMap<>();
  private boolean demo;
  private int roundsUsed;
  private ConvergenceResult lastConvergence;
  private String failureReason = "";
  /** Where a resumed run starts; null for a new debate. */
  private final Checkpoint resumed;
  private final String resumeReason;
  /** The judge's synthesis carried over from before a restart (judge mode, resumed at the vote). */
  private Agent.Reply storedSynthesis;

  DebateRun(String debateId, DebateRequest request, List<Agent> agents, Emitter events, DebateControl control,
            InstantSource clock, ExecutorService executor, ConvergenceDetector convergence, SimilarityScorer similarity,
            VoteWeights weights) {
    this(debateId, request, agents, events, control, clock, executor, convergence, similarity, weights, null, "");
  }

  /**
   * A run that continues from {@code resumed} (null for a new debate). Its time budget is what the
   * earlier runs left of the debate timeout: their running time counts, the downtime between them
   * does not, and the duration reported at the end is the sum of the runs' times.
   */
  DebateRun(String debateId, DebateRequest request, List<Agent> agents, Emitter events, DebateControl control,
            InstantSource clock, ExecutorService executor, ConvergenceDetector convergence, SimilarityScorer similarity,
            VoteWeights weights, Checkpoint resumed, String resumeReason) {
    this.debateId = debateId;
    this.request = request;
    this.agents = List.copyOf(agents);
    this.events = events;
    this.control = control;
    this.clock = clock;
    this.executor = executor;
    this.convergence = convergence;
    this.similarity = similarity;
    this.weights = weights;
    this.resumed = resumed;
    this.resumeReason = resumeReason == null ? "" : resumeReason;
    this.started = resumed == null ? clock.instant() : clock.instant().minus(resumed.elapsed);
    this.deadline = started.plus(request.debateTimeout());
    if (resumed != null) {
      proposals.putAll(resumed.proposals);
      positions.putAll(resumed.positions);
      critiques.addAll(resumed.critiques);
      votes.addAll(resumed.votes);
      messages.addAll(resumed.messages);
      resumed.failures.forEach((agent, list) ->
          failures.put(agent, Collections.synchronizedList(new ArrayList<>(list))));
      demo = resumed.demo;
      roundsUsed = resumed.roundsUsed;
      lastConvergence = resumed.lastConvergence;
      storedSynthesis = resumed.synthesis;
    }
  }


  DebateResult execute() {
    Checkpoint.Stage stage = Checkpoint.Stage.PROPOSAL;
    int firstRound = 1;
    if (resumed == null) {
      events.emit(0, "", new DebateStarted(request.question(), names(agents), request.rounds(),
          request.consensus().wire(), request.topology().wire()));
    } else {
      stage = resumed.stage;
      firstRound = Math.max(1, resumed.round);
      events.emit(resumed.round, "", new DebateResumed(resumed.fromSeq, resumed.round, stage.wire, resumeReason));
    }
    try {
      if (stage == Checkpoint.Stage.PROPOSAL) {
        proposePhase();
        if (active().size() < 2) return finish(failed("fewer than 2 agents produced a proposal"), "");
        stage = Checkpoint.Stage.ROUND;
      }
      if (!stage.decides()) {
        for (int round = firstRound; round <= request.rounds(); round++) {
          Checkpoint.Stage from = round == firstRound ? stage : Checkpoint.Stage.ROUND;
          if (from == Checkpoint.Stage.ROUND) {
            checkpoint();
            roundsUsed = round;
            events.emit(round, "", new RoundStarted(round, request.rounds()));
          }
          if (from.compareTo(Checkpoint.Stage.CRITIQUE) <= 0) critiquePhase(round);
          if (from.compareTo(Checkpoint.Stage.REVISION) <= 0) {
            revisionPhase(round);
            if (active().size() < 2) return finish(failed("fewer than 2 agents remain in the debate"), "");
          }
          if (convergencePhase(round) && round < request.rounds()) break;
        }
        stage = Checkpoint.Stage.SYNTHESIS;
      }
      checkpoint();
      return finish(decide(stage), "");
    } catch (Suspended e) {
      return suspend();
    } catch (Cancelled e) {
      return finish(ended(DebateStatus.CANCELLED), control.reason().isEmpty() ? "cancelled" : control.reason());
    } catch (DebateTimedOut e) {
      return finish(ended(DebateStatus.FAILED), "debate timed out after " + request.debateTimeout().toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return finish(ended(DebateStatus.CANCELLED), "interrupted");
    } catch (RuntimeException e) {
      // A bug or a failing collaborator (scorer, strategy) ends the debate explicitly, never silently.
      return finish(ended(DebateStatus.FAILED), "internal error: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  // --- phases ---------------------------------------------------------------------------------

  private void proposePhase() throws InterruptedException {
    events.emit(0, "", new PhaseStarted("proposal"));
    List<Job<Agent.Reply>> jobs = new ArrayList<>();
    for (Agent agent : agents) {
      jobs.add(new Job<>(agent, () -> agent.generate(turn(0), request.question(), request.context(),
          tokens(agent, 0, "proposal"))));
    }
    List<Optional<Agent.Reply>> replies = runAll("proposal", 0, jobs);
    for (int i = 0; i < agents.size(); i++) {
      Agent agent = agents.get(i);
      replies.get(i).ifPresent(reply -> {
        proposals.put(agent.name(), reply.text());
        positions.put(agent.name(), reply.text());
        say(agent, 0, "proposal", reply);
      });
    }
  }

  private void critiquePhase(int round) throws InterruptedException {
    events.emit(round, "", new PhaseStarted("critique"));
    List<Agent> active = active();
    List<Job<Critique>> jobs = new ArrayList<>();
    for (int[] pair : request.topology().pairs(active.size(), round)) {
      Agent critic = active.get(pair[0]);
      String target = active.get(pair[1]).name();
      String targetText = positions.get(target);
      jobs.add(new Job<>(critic, () -> critic.critique(turn(round), request.question(), target, targetText)));
    }
    for (Optional<Critique> result : runAll("critique", round, jobs)) {
      result.ifPresent(c -> {
        critiques.add(c);
        events.emit(round, c.agent(), new CritiquePosted(c.target(), c.issues(), c.suggestions(), c.severity(),
            c.reasoning(), usageOf(c.agent())));
      });
    }
  }

  private void revisionPhase(int round) throws InterruptedException {
    events.emit(round, "", new PhaseStarted("revision"));
    List<Agent> revisers = new ArrayList<>();
    List<Job<Agent.Reply>> jobs = new ArrayList<>();
    for (Agent agent : active()) {
      List<String> received = critiques.stream()
          .filter(c -> c.round() == round && c.target().equals(agent.name()))
          .map(DebateRun::summary)
          .toList();
      if (received.isEmpty()) continue;
      String own = positions.get(agent.name());
      revisers.add(agent);
      jobs.add(new Job<>(agent, () -> agent.revise(turn(round), request.question(), own, received,
          tokens(agent, round, "revision"))));
    }
    List<Optional<Agent.Reply>> replies = runAll("revision", round, jobs);
    for (int i = 0; i < revisers.size(); i++) {
      Agent agent = revisers.get(i);
      replies.get(i).ifPresent(reply -> {
        positions.put(agent.name(), reply.text());
        say(agent, round, "revision", reply);
      });
    }
  }

  /** Returns true when every agent's answer is close enough to its previous one to stop early. */
  private boolean convergencePhase(int round) {
    Map<String, String> previous = new LinkedHashMap<>();
    Map<String, String> current = new LinkedHashMap<>();
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      if (m.round() == round && m.role().equals("revision")) current.putIfAbsent(m.agent(), m.content());
    }
    for (String agent : current.keySet()) previous.put(agent, positionBefore(agent, round));
    events.emit(round, "", new PhaseStarted("convergence"));
    lastConvergence = convergence.check(previous, current);
    events.emit(round, "", new ConvergenceChecked(lastConvergence.status(), lastConvergence.minSimilarity(),
        lastConvergence.perAgent(), lastConvergence.method()));
    // A round where only one agent revised says nothing about the group: do not stop on it.
    int compared = lastConvergence.perAgent().size();
    return lastConvergence.status().equals("converged") && compared >= Math.max(2, (active().size() + 1) / 2);
  }

  /** Decides, starting at {@code from}: SYNTHESIS for the whole decision, VOTE or CONSENSUS when resumed there. */
  private ConsensusOutcome decide(Checkpoint.Stage from) throws InterruptedException {
    List<String> participants = names(agents);
    Map<String, String> finals = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    int voteRound = roundsUsed + 1;
    return switch (request.consensus()) {
      case NONE -> {
        events.emit(voteRound, "", new PhaseStarted("consensus"));
        yield ConsensusStrategy.forMode(request.consensus())
            .decide(new Ballot(participants, finals, List.of(), VoteWeights.EQUAL, "", "", agreement(finals)));
      }
      case JUDGE -> judge(participants, finals, voteRound, from);
      default -> {
        if (from != Checkpoint.Stage.CONSENSUS) castVotes(finals, voteRound);
        events.emit(voteRound, "", new PhaseStarted("consensus"));
        // Only weighted mode lets weights pick the winner; every mode's confidence uses the voters' track record.
        VoteWeights w = request.consensus() == ConsensusMode.WEIGHTED ? weights : weights.oneVoteEach();
        yield ConsensusStrategy.forMode(request.consensus())
            .decide(new Ballot(participants, finals, votes, w, "", "", 0));
      }
    };
  }

  private ConsensusOutcome judge(List<String> participants, Map<String, String> finals, int round,
                                 Checkpoint.Stage from) throws InterruptedException {
    Agent judge = judgeAgent();
    Optional<Agent.Reply> synthesis;
    if (from == Checkpoint.Stage.SYNTHESIS) {
      events.emit(round, judge.name(), new PhaseStarted("synthesis"));
      List<String> critiqueSummaries = critiques.stream().filter(c -> c.severity() >= 5).map(DebateRun::summary)
          .limit(12).toList();
      synthesis = runAll("synthesis", round, List.of(new Job<>(judge,
          () -> judge.synthesize(turn(round), request.question(), finals, critiqueSummaries,
              tokens(judge, round, "synthesis"))))).get(0);
    } else {
      // resumed after the synthesis phase: its text (or its failure) is already in the events
      synthesis = Optional.ofNullable(storedSynthesis);
    }
    if (synthesis.isEmpty()) {
      // The judge failed: decide by majority instead, and say so in the strength.
      if (from != Checkpoint.Stage.CONSENSUS) castVotes(finals, round);
      events.emit(round, "", new PhaseStarted("consensus"));
      ConsensusOutcome m = ConsensusStrategy.forMode(ConsensusMode.MAJORITY)
          .decide(new Ballot(participants, finals, votes, weights.oneVoteEach(), "", "", 0));
      return new ConsensusOutcome(m.reached(), m.confidence(), m.winner(), m.finalAnswer(), "fallback", m.status(),
          m.dissent(), m.tally());
    }
    Agent.Reply decision = synthesis.get();
    if (from == Checkpoint.Stage.SYNTHESIS) {
      messages.add(new Message("synthesis", judge.name(), decision.text(), round, now()));
      events.emit(round, judge.name(), new AgentMessage(decision.text(), "synthesis", decision.provider(),
          decision.model(), judge.usage()));
      noteDemo(decision);
    }
    if (from != Checkpoint.Stage.CONSENSUS) {
      events.emit(round, "", new PhaseStarted("vote"));
      List<Agent> voters = active().stream().filter(a -> a != judge).toList();
      List<Job<Vote>> jobs = voters.stream()
          .map(v -> new Job<>(v, () -> v.judgeVote(turn(round), request.question(), judge.name(), decision.text())))
          .toList();
      collectVotes(runAll("vote", round, jobs), round);
    }
    events.emit(round, "", new PhaseStarted("consensus"));
    return ConsensusStrategy.forMode(ConsensusMode.JUDGE)
        .decide(new Ballot(participants, finals, votes, weights.oneVoteEach(), judge.name(), decision.text(), 0));
  }

  private void castVotes(Map<String, String> finals, int round) throws InterruptedException {
    events.emit(round, "", new PhaseStarted("vote"));
    List<Job<Vote>> jobs = active().stream()
        .map(a -> new Job<>(a, () -> a.vote(turn(round), request.question(), finals)))
        .toList();
    collectVotes(runAll("vote", round, jobs), round);
  }

  private void collectVotes(List<Optional<Vote>> results, int round) {
    for (Optional<Vote> result : results) {
      result.ifPresent(v -> {
        votes.add(v);
        events.emit(round, v.agent(), new VoteCast(v.choice(), v.confidence(), v.reasoning(), v.continueDebate(),
            usageOf(v.agent())));
      });
    }
  }

  // --- ending ---------------------------------------------------------------------------------

  private ConsensusOutcome failed(String why) {
    failureReason = why;
    return ended(DebateStatus.FAILED);
  }

  private ConsensusOutcome ended(DebateStatus status) {
    return new ConsensusOutcome(false, 0, "", "", "none", status, List.of(), Map.of());
  }

  /**
   * Stops without ending: no {@code debate_end}, and nothing more is emitted (calls still finishing
   * on other threads included), so the stored events end at a point the resumed run continues from.
   */
  private DebateResult suspend() {
    events.close();
    return result(ended(DebateStatus.SUSPENDED), control.reason().isEmpty() ? "suspended" : control.reason());
  }

  private DebateResult finish(ConsensusOutcome outcome, String error) {
    String why = error.isEmpty() ? failureReason : error;
    DebateResult result = result(outcome, why);
    events.emit(roundsUsed + 1, "", new DebateEnded(result.status().wire(), result.durationSeconds(), roundsUsed,
        result.consensusReached(), result.confidence(), result.totalCostUsd(), why));
    return result;
  }

  private DebateResult result(ConsensusOutcome outcome, String why) {
    if (outcome.status() != DebateStatus.CANCELLED && outcome.status() != DebateStatus.FAILED
        && outcome.status() != DebateStatus.SUSPENDED) {
      events.emit(roundsUsed + 1, outcome.winner(), new ConsensusDecided(outcome.reached(), outcome.confidence(),
          outcome.finalAnswer(), outcome.winner(), request.consensus().wire(), outcome.strength(),
          outcome.status().wire()));
    }
    Map<String, AgentUsage> usage = new LinkedHashMap<>();
    double total = 0;
    for (Agent agent : agents) {
      usage.put(agent.name(), agent.usage());
      total += agent.usage().costUsd();
    }
    double duration = Duration.between(started, clock.instant()).toMillis() / 1000.0;
    Map<String, List<AgentFailure>> failuresCopy = new LinkedHashMap<>();
    for (Agent agent : agents) {
      List<AgentFailure> list = failures.get(agent.name());
      if (list != null) failuresCopy.put(agent.name(), List.copyOf(list));
    }
    return new DebateResult(debateId, request.question(), outcome.finalAnswer(), outcome.confidence(),
        outcome.reached(), outcome.strength(), outcome.status(), request.consensus().wire(), roundsUsed,
        outcome.winner(), names(agents), proposals, positions, votes, critiques, outcome.dissent(),
        lastConvergence == null ? "not_checked" : lastConvergence.status(),
        lastConvergence == null ? 0 : lastConvergence.minSimilarity(), failuresCopy, duration, usage,
        Math.round(total * 1e6) / 1e6, messages, demo, why, identities(agents));
  }

  // --- running agent calls --------------------------------------------------------------------

  private record Job<T>(Agent agent, AgentCall<T> call) {}

  @FunctionalInterface
  private interface AgentCall<T> {
    T call() throws Exception;
  }

  /** Unchecked so that phase methods need not declare it; caught only in {@link #execute}. */
  private static final class Cancelled extends RuntimeException {
    Cancelled() {
      super(null, null, false, false);
    }
  }

  private static final class Suspended extends RuntimeException {
    Suspended() {
      super(null, null, false, false);
    }
  }

  private static final class DebateTimedOut extends RuntimeException {
    DebateTimedOut() {
      super(null, null, false, false);
    }
  }

  /**
   * Runs the jobs in parallel and waits for all of them. A job that fails, or that has no reply
   * within its move budget, is recorded as that agent's failure and yields empty; the debate goes
   * on. Only the debate's own deadline ends the debate.
   */
  private <T> List<Optional<T>> runAll(String phase, int round, List<Job<T>> jobs)
      throws InterruptedException {
    checkpoint();
    Instant moveDeadline = clock.instant().plus(moveBudget());
    Instant until = moveDeadline.isBefore(deadline) ? moveDeadline : deadline;
    // One latch per phase rather than one timed wait per call: at a thousand debates, per-call
    // timers cost more than the calls' own bookkeeping.
    CountDownLatch done = new CountDownLatch(jobs.size());
    List<Future<T>> futures = new ArrayList<>(jobs.size());
    Runnable wake = () -> {
      while (done.getCount() > 0) done.countDown();
    };
    control.onCancel(wake);
    try {
      for (Job<T> job : jobs) {
        Future<T> f = executor.submit(() -> {
          try {
            return job.call().call();
          } finally {
            done.countDown();
          }
        });
        control.track(f);
        futures.add(f);
      }
      boolean allDone = await(done, Math.max(0, Duration.between(clock.instant(), until).toNanos()));
      if (control.isCancelled()) throw new Cancelled();
      if (control.isSuspended()) throw new Suspended();
      boolean debateOver = !allDone && !clock.instant().isBefore(deadline);
      List<Optional<T>> results = new ArrayList<>(jobs.size());
      for (int i = 0; i < jobs.size(); i++) {
        Future<T> f = futures.get(i);
        Agent agent = jobs.get(i).agent();
        // cancel() is false when the call finished after all; then its outcome is read as usual
        if (!allDone && !f.isDone() && f.cancel(true)) {
          recordTimeout(agent, phase, round, debateOver ? request.debateTimeout() : moveBudget());
          results.add(Optional.empty());
          continue;
        }
        try {
          results.add(Optional.of(f.get()));
        } catch (ExecutionException e) {
          recordFailure(agent, phase, round, e.getCause());
          results.add(Optional.empty());
        } catch (CancellationException e) {
          recordFailure(agent, phase, round, e);
          results.add(Optional.empty());
        }
      }
      if (debateOver) throw new DebateTimedOut();
      return results;
    } finally {
      control.removeOnCancel(wake);
      for (Future<T> f : futures) {
        if (!f.isDone()) f.cancel(true);
        control.untrack(f);
      }
    }
  }

  /**
   * How long one move (all its attempts) may take: twice the agent timeout, so a call that timed
   * out once still gets one retry, but a hanging agent cannot hold the debate until its deadline.
   */
  private Duration moveBudget() {
    return request.agentTimeout().multipliedBy(2);
  }

  private void recordTimeout(Agent agent, String phase, int round, Duration after) {
    recordFailure(agent, phase, round, new ProviderException(ProviderException.Kind.TIMEOUT, agent.spec().type(), 0,
        "no reply within " + after.toMillis() + " ms"));
  }

  /**
   * {@code latch.await} with a timeout. On a ForkJoinPool worker (a debate started with
   * {@code CompletableFuture.supplyAsync}, say) the wait is a managed block, so the pool adds a
   * thread meanwhile: the JDK HttpClient may complete {@code sendAsync} responses on the common
   * pool, and a common pool whose only worker waits here would never deliver them.
   */
  private static boolean await(CountDownLatch latch, long nanos) throws InterruptedException {
    if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) return latch.await(nanos, TimeUnit.NANOSECONDS);
    long until = System.nanoTime() + nanos;
    ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
      @Override
      public boolean block() throws InterruptedException {
        long left = until - System.nanoTime();
        if (left > 0) latch.await(left, TimeUnit.NANOSECONDS);
        return true;
      }

      @Override
      public boolean isReleasable() {
        return latch.getCount() == 0;
      }
    });
    return latch.getCount() == 0;
  }

  private void checkpoint() {
    if (control.isCancelled()) throw new Cancelled();
    if (control.isSuspended()) throw new Suspended();
    if (!clock.instant().isBefore(deadline)) throw new DebateTimedOut();
  }

  private void recordFailure(Agent agent, String phase, int round, Throwable error) {
    String type;
    String provider;
    String message;
    if (error instanceof ProviderException p) {
      type = p.errorType();
      provider = p.provider();
      message = p.getMessage();
    } else {
      type = error instanceof InterruptedException || error instanceof CancellationException ? "cancelled" : "internal_error";
      provider = agent.spec().type();
      message = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
    failures.computeIfAbsent(agent.name(), k -> Collections.synchronizedList(new ArrayList<>()))
        .add(new AgentFailure(phase, round, type, message, provider, now()));
    events.emit(round, agent.name(), new AgentError(type, message, true, phase, provider, false));
  }

  // --- helpers --------------------------------------------------------------------------------

  private List<Agent> active() {
    return agents.stream().filter(a -> positions.containsKey(a.name())).toList();
  }

  private Agent judgeAgent() {
    List<Agent> active = active();
    return active.stream().filter(a -> a.name().equals(request.judge())).findFirst().orElse(active.get(0));
  }

  private Agent.Turn turn(int round) {
    return new Agent.Turn(debateId, round, request.agentTimeout());
  }

  private TokenListener tokens(Agent agent, int round, String phase) {
    return token -> events.emit(round, agent.name(), new TokenDelta(token, phase));
  }

  private AgentUsage usageOf(String agent) {
    for (Agent a : agents) {
      if (a.name().equals(agent)) return a.usage();
    }
    return AgentUsage.ZERO;
  }

  private void say(Agent agent, int round, String role, Agent.Reply reply) {
    messages.add(new Message(role, agent.name(), reply.text(), round, now()));
    events.emit(round, agent.name(), new AgentMessage(reply.text(), role, reply.provider(), reply.model(),
        agent.usage()));
    noteDemo(reply);
  }

  private void noteDemo(Agent.Reply reply) {
    if (reply.provider().equals("demo")) demo = true;
  }

  private String positionBefore(String agent, int round) {
    String before = proposals.get(agent);
    for (Message m : messages) {
      if (m.agent().equals(agent) && m.round() < round && m.round() >= 0 && !m.role().equals("synthesis")) {
        before = m.content();
      }
    }
    return before;
  }

  private double agreement(Map<String, String> finals) {
    List<String> texts = new ArrayList<>(finals.values());
    if (texts.size() < 2) return 0;
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < texts.size(); i++) {
      for (int j = i + 1; j < texts.size(); j++) {
        sum += similarity.similarity(texts.get(i), texts.get(j));
        pairs++;
      }
    }
    return sum / pairs;
  }

  private double now() {
    Instant t = clock.instant();
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  private static String summary(Critique c) {
    String issues = String.join("; ", c.issues());
    String suggestions = c.suggestions().isEmpty() ? "" : " Suggestions: " + String.join("; ", c.suggestions());
    return c.agent() + " (severity " + Math.round(c.severity()) + "): " + issues + suggestions;
  }

  private static Map<String, AgentIdentity> identities(List<Agent> agents) {
    Map<String, AgentIdentity> identities = new LinkedHashMap<>();
    // from the spec, as Arena does for results rebuilt from events, so both paths agree
    for (Agent agent : agents) identities.put(agent.name(), AgentIdentity.of(agent.spec()));
    return identities;
  }

  private static List<String> names(List<Agent> agents) {
    return agents.stream().map(Agent::name).toList();
  }
}
