package dev.aragora.core.ranking;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ratings, matches, history and predictions in memory: the reference model of what a store keeps,
 * and what tests check the rules on. Recording is idempotent per debate id, so replaying or
 * resuming a debate never counts it twice. Not thread-safe; a store serialises writes itself.
 */
public final class RatingBook {
  private final Elo elo;
  private final Map<AgentIdentity, AgentRating> ratings = new LinkedHashMap<>();
  private final Map<String, MatchRecord> matches = new LinkedHashMap<>();
  private final Map<AgentIdentity, Map<String, List<Prediction>>> predictions = new HashMap<>();
  private final Set<String> predictionsSeen = new HashSet<>();

  public RatingBook(Elo elo) {
    this.elo = requireNonNull(elo, "elo is null");
  }

  public Elo elo() {
    return elo;
  }

  /**
   * Records a finished debate: its match (ratings, counts, history) and its votes as predictions,
   * all in {@code domain}. Empty when the debate did not finish with a decision or was recorded before.
   */
  public Optional<MatchRecord> record(DebateResult result, String domain) {
    Optional<MatchOutcome> match = MatchOutcome.of(result, domain);
    if (match.isEmpty()) return Optional.empty();
    // the votes are scored with what was known before this debate
    var predictions = VotePredictions.from(result, this::calibration);
    Optional<MatchRecord> recorded = apply(match.get());
    if (recorded.isPresent()) addPredictions(result.debateId(), match.get().domain(), predictions);
    return recorded;
  }

  /**
   * Applies one match: every participant's overall and domain rating moves by {@link Elo#changes}
   * (each computed from ratings before the match), and its counts by its {@link MatchResult}.
   * Returns the match with its history rows, or empty when this debate id was applied before.
   */
  public Optional<MatchRecord> apply(MatchOutcome match) {
    requireNonNull(match, "match is null");
    if (matches.containsKey(match.debateId())) return Optional.empty();
    String domain = match.domain();
    Map<AgentIdentity, Double> overall = elo.changes(match, agent -> rating(agent).elo());
    Map<AgentIdentity, Double> inDomain = elo.changes(match, agent -> rating(agent).domainElo(domain, elo.initial()));
    List<RatingChange> changes = new ArrayList<>();
    for (AgentIdentity agent : match.participants()) {
      AgentRating before = rating(agent);
      double domainBefore = before.domainElo(domain, elo.initial());
      changes.add(new RatingChange(match.debateId(), agent, domain, match.resultOf(agent), before.elo(),
          before.elo() + overall.getOrDefault(agent, 0.0), domainBefore,
          domainBefore + inDomain.getOrDefault(agent, 0.0)));
    }
    for (RatingChange change : changes) ratings.put(change.agent(), rating(change.agent()).after(change));
    MatchRecord record = new MatchRecord(match, changes);
    matches.put(match.debateId(), record);
    return Optional.of(record);
  }

  /**
   * Adds one debate's predictions in {@code domain}; ignored (returns false) when this debate's
   * predictions were added before.
   */
  public boolean addPredictions(String debateId, String domain, Map<AgentIdentity, List<Prediction>> byAgent) {
    requireNonNull(debateId, "debateId is null");
    requireNonNull(byAgent, "byAgent is null");
    if (!predictionsSeen.add(debateId)) return false;
    String d = domain == null || domain.isBlank() ? MatchOutcome.GENERAL : domain.strip();
    byAgent.forEach((agent, list) -> predictions.computeIfAbsent(agent, a -> new HashMap<>())
        .computeIfAbsent(d, x -> new ArrayList<>()).addAll(list));
    return true;
  }

  /** The agent's rating, or a fresh one at {@link Elo#initial} when it has never played. */
  public AgentRating rating(AgentIdentity agent) {
    requireNonNull(agent, "agent is null");
    AgentRating known = ratings.get(agent);
    return known != null ? known : AgentRating.fresh(agent, elo.initial());
  }

  public Optional<MatchRecord> match(String debateId) {
    return Optional.ofNullable(matches.get(debateId));
  }

  /** The agent's history rows, oldest first. */
  public List<RatingChange> history(AgentIdentity agent) {
    return matches.values().stream().flatMap(m -> m.changes().stream()).filter(c -> c.agent().equals(agent)).toList();
  }

  /** Calibration over every domain. */
  public CalibrationSummary calibration(AgentIdentity agent) {
    List<Prediction> all = new ArrayList<>();
    predictions.getOrDefault(agent, Map.of()).values().forEach(all::addAll);
    return Calibration.of(all);
  }

  public CalibrationSummary calibration(AgentIdentity agent, String domain) {
    return Calibration.of(predictions.getOrDefault(agent, Map.of()).getOrDefault(domain, List.of()));
  }

  /** Overall rating and calibration. */
  public AgentStanding standing(AgentIdentity agent) {
    return new AgentStanding(agent, rating(agent).elo(), calibration(agent));
  }

  /** Rating and calibration in {@code domain}. */
  public AgentStanding standing(AgentIdentity agent, String domain) {
    return new AgentStanding(agent, rating(agent).domainElo(domain, elo.initial()), calibration(agent, domain));
  }

  /**
   * The best {@code limit} agents by rating (in {@code domain} when not null), ties by identity.
   * Only agents that played (in that domain) are listed.
   */
  public List<AgentRating> leaderboard(int limit, String domain) {
    Comparator<AgentRating> byRating = Comparator.comparingDouble(
        (AgentRating r) -> domain == null ? r.elo() : r.domainElo(domain, elo.initial())).reversed();
    return ratings.values().stream()
        .filter(r -> domain == null || r.domainElos().containsKey(domain))
        .sorted(byRating.thenComparing(r -> r.agent().id()))
        .limit(Math.max(0, limit))
        .toList();
  }
}
