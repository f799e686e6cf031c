package dev.aragora.bench;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.consensus.Ballot;
import dev.aragora.core.consensus.ConsensusOutcome;
import dev.aragora.core.consensus.ConsensusStrategy;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.debate.ConsensusMode;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.Vote;
import dev.aragora.core.ranking.Calibration;
import dev.aragora.core.ranking.Elo;
import dev.aragora.core.ranking.Prediction;
import dev.aragora.core.ranking.RatedWeights;
import dev.aragora.core.ranking.RatingBook;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Simulated debates with agents of known accuracy and correlation, decided by the production
 * consensus strategies, scored against the hidden truth. No network, no LLM: only the vote layer.
 *
 * <h2>Model</h2>
 * A question has K options and a hidden true answer, uniform among them. Agent i is right with
 * probability p_i (its <em>accuracy</em>, known to the simulation, never to the engine). With
 * correlation ρ each agent, independently per question, follows the <em>herd</em> with probability
 * ρ: it then draws its right/wrong from one uniform number shared by the whole herd (right iff
 * u_herd &lt; p_i), and when wrong it gives the herd's wrong answer, one per question. Otherwise its
 * draw is its own and a wrong answer is uniform over the K − 1 wrong options. Either way agent i is
 * right with probability exactly p_i; ρ only makes errors coincide. Each agent states one confidence
 * on every vote: {@code HONEST} states p_i, {@code OVER} p_i + (1 − p_i)/2, {@code UNDER}
 * (p_i + 1/K)/2.
 *
 * <h2>Learning, then testing</h2>
 * A training phase runs {@code train} debates in majority mode and records each, as a
 * {@link DebateResult} (with the K options as its final positions), into a {@link RatingBook} — the
 * way production learns: a vote is scored as a prediction whose outcome is the posterior
 * probability, given all the debate's votes, that its option is right ({@code VotePredictions}; the
 * book never sees the truth). The book is then frozen and {@link RatedWeights#byAgentName} turns its standings into the
 * {@link VoteWeights} for the test phase, which decides fresh questions in every mode:
 * <ul>
 *   <li>{@code majority}, {@code supermajority}, {@code unanimous}: one vote per agent (what
 *       {@code DebateRun} passes for these modes);
 *   <li>{@code weighted}: the rated weights;
 *   <li>{@code judge}: a random agent is the judge, its answer is the synthesis, the others vote
 *       accept when their answer is the same, else reject.
 * </ul>
 * The decided answer is the outcome's winner (the synthesis in judge mode) whether or not the mode
 * reached consensus. The <em>optimum</em> is the Bayes-optimal vote for independent agents with the
 * true accuracies: each vote weighs log(p_i (K − 1) / (1 − p_i)), ties broken at random.
 */
public final class CalibrationSimulation {
  /** How an agent states its confidence. */
  public enum Style { HONEST, OVER, UNDER }

  /** One simulated population. */
  public record Scenario(String name, int options, double[] accuracy, Style[] style, double correlation) {
    public Scenario {
      if (options < 2) throw new IllegalArgumentException("options < 2");
      if (accuracy.length != style.length) throw new IllegalArgumentException("accuracy and style differ in length");
      accuracy = accuracy.clone();
      style = style.clone();
    }

    static Scenario of(String name, int options, double correlation, Style style, double... accuracy) {
      Style[] styles = new Style[accuracy.length];
      java.util.Arrays.fill(styles, style);
      return new Scenario(name, options, accuracy, styles, correlation);
    }

    Scenario withStyles(String newName, Style... styles) {
      return new Scenario(newName, options, accuracy, styles, correlation);
    }

    int agents() {
      return accuracy.length;
    }

    double stated(int agent) {
      double p = accuracy[agent];
      return switch (style[agent]) {
        case HONEST -> p;
        case OVER -> p + (1 - p) / 2;
        case UNDER -> (p + 1.0 / options) / 2;
      };
    }

    String describe() {
      StringBuilder s = new StringBuilder("K=").append(options).append(", ρ=").append(correlation).append(", p=");
      for (int i = 0; i < accuracy.length; i++) {
        if (i > 0) s.append('/');
        s.append(accuracy[i]);
        if (style[i] != Style.HONEST) s.append(style[i] == Style.OVER ? "↑" : "↓");
      }
      return s.toString();
    }

    @Override
    public String toString() {
      return name + " (" + describe() + ")";
    }
  }

  /** What is decided: the vote modes, the judge, and the Bayes-optimal oracle. */
  public enum Decider {
    MAJORITY, WEIGHTED, SUPERMAJORITY, UNANIMOUS, JUDGE, OPTIMUM;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One decider's figures over the test questions. */
  public record Figures(int questions, int correct, int reached, int correctWhenReached, double ece, double brier,
                        double gapToOptimum, double gapHalfWidth) {
    public double accuracy() {
      return correct / (double) questions;
    }

    /** Half-width of the 95% interval of {@link #accuracy}. */
    public double accuracyHalfWidth() {
      double p = accuracy();
      return 1.96 * Math.sqrt(p * (1 - p) / questions);
    }

    public double reachedRate() {
      return reached / (double) questions;
    }

    public double accuracyWhenReached() {
      return reached == 0 ? Double.NaN : correctWhenReached / (double) reached;
    }
  }

  /**
   * The worst of one scenario's figures over several runs, against the goals: weighted's gap to
   * the optimum (lowest), and the ECE of the vote modes (majority, weighted, supermajority,
   * unanimous) and of the judge (highest).
   */
  public record Worst(double weightedGap, double voteEce, double judgeEce) {
    public static final Worst NONE = new Worst(Double.POSITIVE_INFINITY, 0, 0);

    public Worst and(Map<Decider, Figures> figures) {
      double vote = 0;
      for (Decider d : new Decider[] {Decider.MAJORITY, Decider.WEIGHTED, Decider.SUPERMAJORITY, Decider.UNANIMOUS}) {
        vote = Math.max(vote, figures.get(d).ece());
      }
      return new Worst(Math.min(weightedGap, figures.get(Decider.WEIGHTED).gapToOptimum()), Math.max(voteEce, vote),
          Math.max(judgeEce, figures.get(Decider.JUDGE).ece()));
    }
  }

  private final Scenario scenario;
  private final SplittableRandom random;
  private final List<String> names = new ArrayList<>();
  private final List<String> options = new ArrayList<>();
  private final Map<String, String> positions = new LinkedHashMap<>();
  private final double[] logOdds;
  private final double[] learned;

  public CalibrationSimulation(Scenario scenario, long seed) {
    this.scenario = scenario;
    this.random = new SplittableRandom(seed);
    for (int i = 0; i < scenario.agents(); i++) names.add("openai-api:sim-agent-" + (i + 1));
    for (int k = 0; k < scenario.options(); k++) {
      options.add("option-" + k);
      positions.put("option-" + k, "answer " + k);
    }
    logOdds = new double[scenario.agents()];
    learned = new double[scenario.agents()];
    for (int i = 0; i < logOdds.length; i++) {
      double p = scenario.accuracy()[i];
      logOdds[i] = Math.log(p * (scenario.options() - 1) / (1 - p));
    }
  }

  /** Trains a rating book on {@code train} majority debates, then tests every decider on {@code questions}. */
  public Map<Decider, Figures> run(int train, int questions) {
    RatingBook book = new RatingBook(Elo.standard());
    for (int d = 0; d < train; d++) {
      Question q = ask();
      ConsensusOutcome outcome = ConsensusStrategy.forMode(ConsensusMode.MAJORITY).decide(ballot(q, VoteWeights.EQUAL));
      book.record(result("train-" + d, q, outcome), "general");
    }
    VoteWeights rated = RatedWeights.byAgentName(id -> Optional.of(book.standing(id)), Elo.DEFAULT_INITIAL);
    VoteWeights oneVoteEach = oneVoteEach(rated);
    for (int i = 0; i < names.size(); i++) learned[i] = rated.reliability(names.get(i), scenario.stated(i));

    Map<Decider, List<Prediction>> predictions = new EnumMap<>(Decider.class);
    Map<Decider, int[]> counts = new EnumMap<>(Decider.class); // correct, reached, correctWhenReached
    Map<Decider, double[]> gap = new EnumMap<>(Decider.class); // Σ diff, Σ diff²
    for (Decider d : Decider.values()) {
      predictions.put(d, new ArrayList<>(questions));
      counts.put(d, new int[3]);
      gap.put(d, new double[2]);
    }
    for (int n = 0; n < questions; n++) {
      Question q = ask();
      Map<Decider, Decision> decided = new EnumMap<>(Decider.class);
      decided.put(Decider.MAJORITY, vote(ConsensusMode.MAJORITY, q, oneVoteEach));
      decided.put(Decider.WEIGHTED, vote(ConsensusMode.WEIGHTED, q, rated));
      decided.put(Decider.SUPERMAJORITY, vote(ConsensusMode.SUPERMAJORITY, q, oneVoteEach));
      decided.put(Decider.UNANIMOUS, vote(ConsensusMode.UNANIMOUS, q, oneVoteEach));
      decided.put(Decider.JUDGE, judge(q, oneVoteEach));
      decided.put(Decider.OPTIMUM, optimum(q));
      boolean optimumRight = decided.get(Decider.OPTIMUM).answer == q.truth;
      decided.forEach((d, decision) -> {
        boolean right = decision.answer == q.truth;
        predictions.get(d).add(new Prediction(decision.confidence, right));
        int[] c = counts.get(d);
        if (right) c[0]++;
        if (decision.reached) {
          c[1]++;
          if (right) c[2]++;
        }
        double diff = (right ? 1 : 0) - (optimumRight ? 1 : 0);
        gap.get(d)[0] += diff;
        gap.get(d)[1] += diff * diff;
      });
    }
    Map<Decider, Figures> out = new EnumMap<>(Decider.class);
    for (Decider d : Decider.values()) {
      int[] c = counts.get(d);
      double mean = gap.get(d)[0] / questions;
      double var = Math.max(0, gap.get(d)[1] / questions - mean * mean);
      out.put(d, new Figures(questions, c[0], c[1], c[2], Calibration.expectedCalibrationError(predictions.get(d)),
          Calibration.brier(predictions.get(d)), mean, 1.96 * Math.sqrt(var / questions)));
    }
    return out;
  }

  /** Each agent's reliability as the rating book had learnt it by the end of {@link #run}'s training. */
  public double[] learnedReliability() {
    return learned.clone();
  }

  /**
   * The weights the non-weighted modes get: one vote per agent. Kept in one place so that the
   * simulation passes exactly what {@code DebateRun} passes.
   */
  static VoteWeights oneVoteEach(VoteWeights rated) {
    return rated.oneVoteEach();
  }

  private record Question(int truth, int[] answers, double[] stated) {}

  private record Decision(int answer, double confidence, boolean reached) {}

  private Question ask() {
    int k = scenario.options();
    int truth = random.nextInt(k);
    int herdWrong = wrong(truth);
    double herdDraw = random.nextDouble();
    int[] answers = new int[scenario.agents()];
    double[] stated = new double[scenario.agents()];
    for (int i = 0; i < answers.length; i++) {
      boolean herd = random.nextDouble() < scenario.correlation();
      double u = herd ? herdDraw : random.nextDouble();
      answers[i] = u < scenario.accuracy()[i] ? truth : herd ? herdWrong : wrong(truth);
      stated[i] = scenario.stated(i);
    }
    return new Question(truth, answers, stated);
  }

  private int wrong(int truth) {
    int w = random.nextInt(scenario.options() - 1);
    return w >= truth ? w + 1 : w;
  }

  private Ballot ballot(Question q, VoteWeights weights) {
    List<Vote> votes = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      votes.add(new Vote(names.get(i), options.get(q.answers[i]), q.stated[i], "", false));
    }
    return new Ballot(names, positions, votes, weights, "", "", 0);
  }

  private Decision vote(ConsensusMode mode, Question q, VoteWeights weights) {
    ConsensusOutcome outcome = ConsensusStrategy.forMode(mode).decide(ballot(q, weights));
    return new Decision(options.indexOf(outcome.winner()), outcome.confidence(), outcome.reached());
  }

  private Decision judge(Question q, VoteWeights weights) {
    int judge = random.nextInt(names.size());
    int synthesis = q.answers[judge];
    List<Vote> votes = new ArrayList<>();
    Map<String, String> finals = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      finals.put(names.get(i), "answer " + q.answers[i]);
      if (i == judge) continue;
      votes.add(new Vote(names.get(i), q.answers[i] == synthesis ? Vote.ACCEPT : Vote.REJECT, q.stated[i], "", false));
    }
    ConsensusOutcome outcome = ConsensusStrategy.forMode(ConsensusMode.JUDGE)
        .decide(new Ballot(names, finals, votes, weights, names.get(judge), "answer " + synthesis, 0));
    return new Decision(synthesis, outcome.confidence(), outcome.reached());
  }

  /** Bayes-optimal for independent agents: log-odds weights from the true accuracies, posterior as confidence. */
  private Decision optimum(Question q) {
    double[] score = new double[scenario.options()];
    for (int i = 0; i < q.answers.length; i++) score[q.answers[i]] += logOdds[i];
    double best = Double.NEGATIVE_INFINITY;
    int winner = -1;
    int ties = 0;
    for (int k = 0; k < score.length; k++) {
      if (score[k] > best + 1e-12) {
        best = score[k];
        winner = k;
        ties = 1;
      } else if (Math.abs(score[k] - best) <= 1e-12 && random.nextInt(++ties) == 0) {
        winner = k;
      }
    }
    double norm = 0;
    for (double s : score) norm += Math.exp(s - best);
    return new Decision(winner, 1 / norm, true);
  }

  private DebateResult result(String id, Question q, ConsensusOutcome outcome) {
    List<Vote> votes = ballot(q, VoteWeights.EQUAL).votes();
    return new DebateResult(id, "simulated question", outcome.finalAnswer(), outcome.confidence(), outcome.reached(),
        outcome.strength(), outcome.status(), ConsensusMode.MAJORITY.wire(), 1, outcome.winner(), names, Map.of(),
        positions, votes, List.of(), outcome.dissent(), "not_checked", 0, Map.of(), 0, Map.of(), 0, List.of(), false,
        "", Map.of());
  }

  /** The identity the engine files an agent's record under, for reading the book in reports. */
  static AgentIdentity identity(String name) {
    return AgentIdentity.ofName(name);
  }

  // ---------------------------------------------------------------------------------------------

  /** The scenarios of the report: independent and correlated, honest and miscalibrated, 3–7 agents, K = 2–4. */
  public static List<Scenario> scenarios() {
    Style H = Style.HONEST, O = Style.OVER, U = Style.UNDER;
    Scenario five = Scenario.of("5 agents, independent, honest", 3, 0, H, 0.55, 0.65, 0.75, 0.85, 0.9);
    Scenario three = Scenario.of("3 agents, independent, honest", 2, 0, H, 0.6, 0.7, 0.85);
    Scenario seven = Scenario.of("7 agents, independent, honest", 4, 0, H, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9);
    Scenario fiveHerd = Scenario.of("5 agents, correlated ρ=0.3, honest", 3, 0.3, H, 0.55, 0.65, 0.75, 0.85, 0.9);
    Scenario sevenHerd = Scenario.of("7 agents, correlated ρ=0.3, honest", 2, 0.3, H, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9);
    return List.of(
        five, three, seven,
        five.withStyles("5 agents, independent, 3 overconfident", O, H, O, H, O),
        five.withStyles("5 agents, independent, all overconfident", O, O, O, O, O),
        five.withStyles("5 agents, independent, 3 underconfident", U, H, U, H, U),
        fiveHerd, sevenHerd,
        fiveHerd.withStyles("5 agents, correlated ρ=0.3, 3 overconfident", O, H, O, H, O));
  }

  public static void main(String[] args) throws Exception {
    int questions = 20_000;
    int train = 500;
    long seed = 20_260_101L;
    int replications = 5;
    int replicationQuestions = 8_000;
    String out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--questions" -> questions = Integer.parseInt(args[++i]);
        case "--train" -> train = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--replications" -> replications = Integer.parseInt(args[++i]);
        case "--replication-questions" -> replicationQuestions = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --questions N --train N"
            + " --seed S --replications N --replication-questions N --out FILE)");
      }
    }
    long started = System.nanoTime();
    StringBuilder md = new StringBuilder();
    md.append("# Calibration of the reported confidence (simulated debates)\n\n");
    md.append("Command: `").append(System.getProperty("aragora.bench.command", "CalibrationSimulation")).append("`\n\n");
    md.append("Per scenario: ").append(train).append(" training debates (majority, recorded into a RatingBook), then ")
        .append(questions).append(" test questions, seed ").append(seed).append(". Accuracy ± 95% interval; ")
        .append("gap = accuracy − optimum accuracy on the same questions (paired, ± 95%); ECE over 10 bins; ")
        .append("reached = share of questions where the mode reached consensus, and its accuracy there. ")
        .append("The decided answer counts whether or not consensus was reached. ↑ overconfident, ↓ underconfident.\n");
    int s = 0;
    Map<String, Worst> worst = new LinkedHashMap<>();
    for (Scenario scenario : scenarios()) {
      long scenarioSeed = seed + 1000L * s++;
      CalibrationSimulation simulation = new CalibrationSimulation(scenario, scenarioSeed);
      Map<Decider, Figures> figures = simulation.run(train, questions);
      Worst w = Worst.NONE.and(figures);
      for (int r = 1; r <= replications; r++) {
        w = w.and(new CalibrationSimulation(scenario, scenarioSeed + 100L * r).run(train, replicationQuestions));
      }
      worst.put(scenario.name(), w);
      md.append("\n## ").append(scenario.name()).append(" (").append(scenario.describe()).append(")\n\n");
      md.append("| mode | accuracy | gap to optimum | ECE | Brier | reached | accuracy when reached |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|\n");
      figures.forEach((d, f) -> md.append(String.format(java.util.Locale.ROOT,
          "| %s | %.2f%% ± %.2f | %s | %.3f | %.3f | %.1f%% | %.2f%% |%n", d.wire(), 100 * f.accuracy(),
          100 * f.accuracyHalfWidth(),
          d == Decider.OPTIMUM ? "—" : String.format(java.util.Locale.ROOT, "%+.2f ± %.2f", 100 * f.gapToOptimum(),
              100 * f.gapHalfWidth()),
          f.ece(), f.brier(), 100 * f.reachedRate(), 100 * f.accuracyWhenReached())));
      md.append("\nLearnt reliability (stated → read as; true accuracy):");
      double[] learnt = simulation.learnedReliability();
      for (int i = 0; i < learnt.length; i++) {
        md.append(String.format(java.util.Locale.ROOT, " %.2f → %.2f (%.2f)%s", scenario.stated(i), learnt[i],
            scenario.accuracy()[i], i + 1 < learnt.length ? ";" : ".\n"));
      }
    }
    md.append("\n## The goals over more runs\n\nThe worst figure of each scenario over the run above and ")
        .append(replications).append(" more (fresh training and ").append(replicationQuestions)
        .append(" test questions each, seeds +100, +200, …). Goals: ECE ≤ 0.05 in every mode; weighted at most ")
        .append("1 point below the optimum.\n\n")
        .append("| scenario | weighted − optimum, lowest | ECE of the vote modes, highest | judge ECE, highest |\n")
        .append("|---|---:|---:|---:|\n");
    worst.forEach((name, w) -> md.append(String.format(java.util.Locale.ROOT, "| %s | %+.2f | %.3f | %.3f |%n", name,
        100 * w.weightedGap(), w.voteEce(), w.judgeEce())));
    md.append(String.format(java.util.Locale.ROOT, "%nRun time %.1f s on %s, %s.%n",
        (System.nanoTime() - started) / 1e9, System.getProperty("java.vm.name"), System.getProperty("java.version")));
    System.out.print(md);
    if (out != null) {
      java.nio.file.Path path = java.nio.file.Path.of(out);
      if (path.getParent() != null) java.nio.file.Files.createDirectories(path.getParent());
      java.nio.file.Files.writeString(path, md);
    }
  }
}
