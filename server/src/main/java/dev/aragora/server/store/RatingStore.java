package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.ranking.AgentStanding;
import dev.aragora.core.ranking.Calibration;
import dev.aragora.core.ranking.CalibrationSummary;
import dev.aragora.core.ranking.Elo;
import dev.aragora.core.ranking.MatchOutcome;
import dev.aragora.core.ranking.MatchRecord;
import dev.aragora.core.ranking.MatchResult;
import dev.aragora.core.ranking.Prediction;
import dev.aragora.core.ranking.RatingChange;
import dev.aragora.core.ranking.VotePredictions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Ratings, matches, history and predictions in the database (migrations V3, V7, V9), per tenant:
 * every read and write names the tenant, and one tenant's ratings never see another's matches
 * (issue 4: "ratings are per agent identity, per tenant"). The store mirrors
 * core's {@link dev.aragora.core.ranking.RatingBook}, with the same rules and core's math
 * ({@link MatchOutcome}, {@link Elo#changes}, {@link VotePredictions}, {@link Calibration}).
 *
 * <p>{@link #record} runs in one transaction that first claims the debate's row in {@code matches}
 * ({@code INSERT … ON CONFLICT DO NOTHING}): a debate recorded before changes nothing, so replays,
 * resumes and a second instance are safe. It then bumps the {@code ratings} counter row, which
 * serialises recordings of different debates (a row lock on PostgreSQL, the writer lock on SQLite),
 * and only then reads the participants' ratings, so no concurrent update is lost.
 */
public final class RatingStore {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Database database;
  private final Elo elo;
  private final ObjectMapper json;
  private final InstantSource clock;

  public RatingStore(Database database, Elo elo, ObjectMapper json, InstantSource clock) {
    this.database = requireNonNull(database, "database is null");
    this.elo = requireNonNull(elo, "elo is null");
    this.json = requireNonNull(json, "json is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Elo elo() {
    return elo;
  }

  /**
   * Records a finished debate in {@code domain} (blank means {@value MatchOutcome#GENERAL}): its
   * match row, every participant's overall and domain rating and counts, their history rows and
   * the votes as predictions. Empty when the debate did not finish with a decision or was recorded
   * before (then nothing changes).
   */
  public Optional<MatchRecord> record(String tenant, DebateResult result, String domain) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(result, "result is null");
    Optional<MatchOutcome> outcome = MatchOutcome.of(result, domain);
    if (outcome.isEmpty()) return Optional.empty();
    MatchOutcome match = outcome.get();
    long at = clock.millis();
    return inTransaction(connection -> {
      if (!claim(connection, tenant, match, at)) return Optional.<MatchRecord>empty();
      long seq = lockAndNumber(connection, match.debateId());
      // the votes are scored with the voters' records as they stood before this debate
      Map<AgentIdentity, CalibrationSummary> records = new HashMap<>();
      for (AgentIdentity voter : match.participants()) {
        records.put(voter, Calibration.of(predictions(connection, tenant, voter, StoredRating.OVERALL)));
      }
      Map<AgentIdentity, List<Prediction>> predictions = VotePredictions.from(result,
          agent -> records.getOrDefault(agent, CalibrationSummary.NONE));
      Map<AgentIdentity, Double> overallBefore = elos(connection, tenant, match.participants(), StoredRating.OVERALL);
      Map<AgentIdentity, Double> domainBefore = elos(connection, tenant, match.participants(), match.domain());
      Map<AgentIdentity, Double> overall = elo.changes(match, overallBefore::get);
      Map<AgentIdentity, Double> inDomain = elo.changes(match, domainBefore::get);
      List<RatingChange> changes = new ArrayList<>();
      for (AgentIdentity agent : match.participants()) {
        double before = overallBefore.get(agent);
        double domainElo = domainBefore.get(agent);
        changes.add(new RatingChange(match.debateId(), agent, match.domain(), match.resultOf(agent), before,
            before + overall.getOrDefault(agent, 0.0), domainElo, domainElo + inDomain.getOrDefault(agent, 0.0)));
      }
      writeRatings(connection, tenant, changes, at);
      writeHistory(connection, tenant, changes, seq, at);
      writePredictions(connection, tenant, match, predictions);
      return Optional.of(new MatchRecord(match, changes));
    });
  }

  /** Whether this debate's match row is already stored. */
  public boolean recorded(String debateId) {
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM matches WHERE debate_id = ?")) {
        select.setString(1, debateId);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next();
        }
      }
    });
  }

  /**
   * The best {@code limit} identities by rating in {@code domain} ({@link StoredRating#OVERALL} or
   * null for overall), ties by identity, each with its calibration over the same domain's predictions
   * (every domain's for overall). Only identities that played there are listed.
   */
  public List<RankedAgent> leaderboard(String tenant, int limit, String domain) {
    requireNonNull(tenant, "tenant is null");
    String d = domain == null ? StoredRating.OVERALL : domain;
    return withConnection(connection -> {
      List<StoredRating> ratings = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT agent, domain, elo, wins, losses, draws, "
          + "matches FROM ratings WHERE tenant_id = ? AND domain = ? ORDER BY elo DESC, agent ASC LIMIT ?")) {
        select.setString(1, tenant);
        select.setString(2, d);
        select.setInt(3, Math.max(0, limit));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) ratings.add(rating(rows));
        }
      }
      List<RankedAgent> ranked = new ArrayList<>();
      for (StoredRating rating : ratings) {
        ranked.add(new RankedAgent(rating, Calibration.of(predictions(connection, tenant, rating.agent(), d))));
      }
      return ranked;
    });
  }

  /** The identity's overall rating and calibration over every domain; empty when it never played. */
  public Optional<AgentStanding> standing(String tenant, AgentIdentity agent) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(agent, "agent is null");
    return withConnection(connection -> {
      Optional<StoredRating> rating = rating(connection, tenant, agent, StoredRating.OVERALL);
      if (rating.isEmpty()) return Optional.<AgentStanding>empty();
      return Optional.of(new AgentStanding(agent, rating.get().elo(),
          Calibration.of(predictions(connection, tenant, agent, StoredRating.OVERALL))));
    });
  }

  /** Every identity's overall standing, for vote weights and team selection (one read of two tables). */
  public Map<AgentIdentity, AgentStanding> standings(String tenant) {
    requireNonNull(tenant, "tenant is null");
    return withConnection(connection -> {
      Map<AgentIdentity, Double> elos = new LinkedHashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT agent, elo FROM ratings WHERE tenant_id = ? AND domain = '' ORDER BY agent")) {
        select.setString(1, tenant);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) elos.put(AgentIdentity.parse(rows.getString(1)), rows.getDouble(2));
        }
      }
      Map<AgentIdentity, List<Prediction>> predictions = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT agent, confidence, outcome FROM predictions WHERE tenant_id = ? ORDER BY debate_id, agent, n")) {
        select.setString(1, tenant);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            predictions.computeIfAbsent(AgentIdentity.parse(rows.getString(1)), a -> new ArrayList<>())
                .add(new Prediction(rows.getDouble(2), rows.getDouble(3)));
          }
        }
      }
      Map<AgentIdentity, AgentStanding> standings = new LinkedHashMap<>();
      elos.forEach((agent, rating) -> standings.put(agent,
          new AgentStanding(agent, rating, Calibration.of(predictions.getOrDefault(agent, List.of())))));
      return Collections.unmodifiableMap(standings);
    });
  }

  /**
   * Everything stored of one identity, with its latest {@code limit} history rows and matches;
   * empty when it never played.
   */
  public Optional<AgentProfile> profile(String tenant, AgentIdentity agent, int limit) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(agent, "agent is null");
    return withConnection(connection -> {
      List<StoredRating> rows = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT agent, domain, elo, wins, losses, draws, "
          + "matches FROM ratings WHERE tenant_id = ? AND agent = ? ORDER BY domain")) {
        select.setString(1, tenant);
        select.setString(2, agent.id());
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) rows.add(rating(result));
        }
      }
      Optional<StoredRating> overall = rows.stream().filter(r -> r.domain().equals(StoredRating.OVERALL)).findFirst();
      if (overall.isEmpty()) return Optional.<AgentProfile>empty();
      List<StoredRating> domains = rows.stream().filter(r -> !r.domain().equals(StoredRating.OVERALL)).toList();
      Map<String, CalibrationSummary> byDomain = new TreeMap<>();
      for (StoredRating d : domains)
        byDomain.put(d.domain(), Calibration.of(predictions(connection, tenant, agent, d.domain())));
      return Optional.of(new AgentProfile(overall.get(), domains,
          Calibration.of(predictions(connection, tenant, agent, StoredRating.OVERALL)), byDomain,
          history(connection, tenant, agent, limit), recentMatches(connection, tenant, agent, limit)));
    });
  }

  /** The identity's history rows, newest first, at most {@code limit}. */
  public List<RatingChange> history(String tenant, AgentIdentity agent, int limit) {
    return withConnection(connection -> history(connection, tenant, agent, limit));
  }

  /** The matches the identity took part in, newest first, at most {@code limit}. */
  public List<StoredMatch> recentMatches(String tenant, AgentIdentity agent, int limit) {
    return withConnection(connection -> recentMatches(connection, tenant, agent, limit));
  }

  /** {@code a} against {@code b} over every match both played; see {@link HeadToHead}. */
  public HeadToHead headToHead(String tenant, AgentIdentity a, AgentIdentity b) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    return withConnection(connection -> {
      int aWins = 0, bWins = 0, draws = 0, unrated = 0;
      double aDelta = 0;
      List<String> ids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT " + MATCH_COLUMNS
          + ", ha.elo_before AS a_before, hb.elo_before AS b_before FROM matches m "
          + "JOIN rating_history ha ON ha.debate_id = m.debate_id AND ha.agent = ? "
          + "JOIN rating_history hb ON hb.debate_id = m.debate_id AND hb.agent = ? "
          + "WHERE m.tenant_id = ? ORDER BY m.seq DESC")) {
        select.setString(1, a.id());
        select.setString(2, b.id());
        select.setString(3, tenant);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            MatchOutcome match = match(rows).outcome();
            ids.add(match.debateId());
            if (!match.rated()) {
              unrated++;
              continue;
            }
            double sa = match.score(a), sb = match.score(b);
            if (sa > sb) aWins++;
            else if (sb > sa) bWins++;
            else draws++;
            aDelta += elo.k() * (Elo.actual(sa, sb) - Elo.expected(rows.getDouble("a_before"), rows.getDouble("b_before")));
          }
        }
      }
      return new HeadToHead(a, b, ids.size(), aWins, bWins, draws, unrated, aDelta, ids);
    });
  }

  // --- writing

  /** Inserts the match row; false when this debate has one already. */
  private boolean claim(Connection connection, String tenant, MatchOutcome match, long at) throws SQLException {
    List<String> participants = match.participants().stream().map(AgentIdentity::id).toList();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO matches (debate_id, domain, winner, "
        + "consensus_reached, rated, participants_json, seq, created_at, tenant_id) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) "
        + "ON CONFLICT (debate_id) DO NOTHING")) {
      insert.setString(1, match.debateId());
      insert.setString(2, match.domain());
      insert.setString(3, match.winner() == null ? "" : match.winner().id());
      insert.setInt(4, match.consensusReached() ? 1 : 0);
      insert.setInt(5, match.rated() ? 1 : 0);
      insert.setString(6, json.writeValueAsString(participants));
      insert.setLong(7, at);
      insert.setString(8, tenant);
      return insert.executeUpdate() == 1;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise participants", e);
    }
  }

  /** Bumps the ratings counter (the lock that serialises recordings) and numbers the match with it. */
  private static long lockAndNumber(Connection connection, String debateId) throws SQLException {
    long seq;
    try (PreparedStatement next = connection.prepareStatement(
        "UPDATE counters SET value = value + 1 WHERE name = 'ratings' RETURNING value");
         ResultSet rows = next.executeQuery()) {
      if (!rows.next()) throw new SQLException("counter ratings is missing");
      seq = rows.getLong(1);
    }
    try (PreparedStatement update = connection.prepareStatement("UPDATE matches SET seq = ? WHERE debate_id = ?")) {
      update.setLong(1, seq);
      update.setString(2, debateId);
      update.executeUpdate();
    }
    return seq;
  }

  /** Each agent's rating in {@code domain}, {@link Elo#initial} for those without a row. */
  private Map<AgentIdentity, Double> elos(Connection connection, String tenant, List<AgentIdentity> agents,
                                          String domain) throws SQLException {
    Map<AgentIdentity, Double> elos = new LinkedHashMap<>();
    for (AgentIdentity agent : agents) elos.put(agent, elo.initial());
    if (agents.isEmpty()) return elos;
    try (PreparedStatement select = connection.prepareStatement("SELECT agent, elo FROM ratings WHERE tenant_id = ? "
        + "AND domain = ? AND agent IN (" + String.join(", ", Collections.nCopies(agents.size(), "?")) + ")")) {
      select.setString(1, tenant);
      select.setString(2, domain);
      for (int i = 0; i < agents.size(); i++) select.setString(i + 3, agents.get(i).id());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) elos.put(AgentIdentity.parse(rows.getString(1)), rows.getDouble(2));
      }
    }
    return elos;
  }

  private static void writeRatings(Connection connection, String tenant, List<RatingChange> changes, long at)
      throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO ratings (agent, domain, elo, wins, "
        + "losses, draws, matches, updated_at, tenant_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) "
        + "ON CONFLICT (tenant_id, agent, domain) DO UPDATE "
        + "SET elo = excluded.elo, wins = ratings.wins + excluded.wins, losses = ratings.losses + excluded.losses, "
        + "draws = ratings.draws + excluded.draws, matches = ratings.matches + 1, updated_at = excluded.updated_at")) {
      for (RatingChange change : changes) {
        upsertRow(upsert, tenant, change, StoredRating.OVERALL, change.eloAfter(), at);
        upsertRow(upsert, tenant, change, change.domain(), change.domainEloAfter(), at);
      }
      upsert.executeBatch();
    }
  }

  private static void upsertRow(PreparedStatement upsert, String tenant, RatingChange change, String domain,
                                double after, long at) throws SQLException {
    upsert.setString(1, change.agent().id());
    upsert.setString(2, domain);
    upsert.setDouble(3, after);
    upsert.setInt(4, change.result() == MatchResult.WIN ? 1 : 0);
    upsert.setInt(5, change.result() == MatchResult.LOSS ? 1 : 0);
    upsert.setInt(6, change.result() == MatchResult.DRAW ? 1 : 0);
    upsert.setLong(7, at);
    upsert.setString(8, tenant);
    upsert.addBatch();
  }

  private static void writeHistory(Connection connection, String tenant, List<RatingChange> changes, long seq, long at)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO rating_history (debate_id, agent, "
        + "domain, result, elo_before, elo_after, domain_elo_before, domain_elo_after, seq, created_at, tenant_id) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (RatingChange c : changes) {
        insert.setString(1, c.debateId());
        insert.setString(2, c.agent().id());
        insert.setString(3, c.domain());
        insert.setString(4, c.result().name().toLowerCase(java.util.Locale.ROOT));
        insert.setDouble(5, c.eloBefore());
        insert.setDouble(6, c.eloAfter());
        insert.setDouble(7, c.domainEloBefore());
        insert.setDouble(8, c.domainEloAfter());
        insert.setLong(9, seq);
        insert.setLong(10, at);
        insert.setString(11, tenant);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void writePredictions(Connection connection, String tenant, MatchOutcome match,
                                       Map<AgentIdentity, List<Prediction>> predictions) throws SQLException {
    if (predictions.isEmpty()) return;
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO predictions (debate_id, agent, n, "
        + "domain, confidence, correct, outcome, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<AgentIdentity, List<Prediction>> entry : predictions.entrySet()) {
        int n = 0;
        for (Prediction p : entry.getValue()) {
          insert.setString(1, match.debateId());
          insert.setString(2, entry.getKey().id());
          insert.setInt(3, n++);
          insert.setString(4, match.domain());
          insert.setDouble(5, p.confidence());
          insert.setInt(6, p.outcome() >= 0.5 ? 1 : 0);
          insert.setDouble(7, p.outcome());
          insert.setString(8, tenant);
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  // --- reading

  private static final String MATCH_COLUMNS =
      "m.debate_id, m.domain, m.winner, m.consensus_reached, m.participants_json, m.created_at";

  private List<RatingChange> history(Connection connection, String tenant, AgentIdentity agent, int limit)
      throws SQLException {
    List<RatingChange> history = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT debate_id, domain, result, elo_before, "
        + "elo_after, domain_elo_before, domain_elo_after FROM rating_history WHERE tenant_id = ? AND agent = ? "
        + "ORDER BY seq DESC LIMIT ?")) {
      select.setString(1, tenant);
      select.setString(2, agent.id());
      select.setInt(3, Math.max(0, limit));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          history.add(new RatingChange(rows.getString(1), agent, rows.getString(2),
              MatchResult.valueOf(rows.getString(3).toUpperCase(java.util.Locale.ROOT)), rows.getDouble(4),
              rows.getDouble(5), rows.getDouble(6), rows.getDouble(7)));
        }
      }
    }
    return history;
  }

  private List<StoredMatch> recentMatches(Connection connection, String tenant, AgentIdentity agent, int limit)
      throws SQLException {
    List<StoredMatch> matches = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT " + MATCH_COLUMNS + " FROM matches m "
        + "JOIN rating_history h ON h.debate_id = m.debate_id AND h.agent = ? "
        + "WHERE m.tenant_id = ? ORDER BY m.seq DESC LIMIT ?")) {
      select.setString(1, agent.id());
      select.setString(2, tenant);
      select.setInt(3, Math.max(0, limit));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) matches.add(match(rows));
      }
    }
    return matches;
  }

  private StoredMatch match(ResultSet rows) throws SQLException {
    List<String> ids;
    try {
      ids = json.readValue(rows.getString("participants_json"), STRINGS);
    } catch (JsonProcessingException e) {
      throw new StoreException("stored participants are unreadable", e);
    }
    String winner = rows.getString("winner");
    return new StoredMatch(new MatchOutcome(rows.getString("debate_id"), rows.getString("domain"),
        ids.stream().map(AgentIdentity::parse).toList(), winner.isEmpty() ? null : AgentIdentity.parse(winner),
        rows.getInt("consensus_reached") == 1), Instant.ofEpochMilli(rows.getLong("created_at")));
  }

  private static Optional<StoredRating> rating(Connection connection, String tenant, AgentIdentity agent, String domain)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT agent, domain, elo, wins, losses, draws, "
        + "matches FROM ratings WHERE tenant_id = ? AND agent = ? AND domain = ?")) {
      select.setString(1, tenant);
      select.setString(2, agent.id());
      select.setString(3, domain);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(rating(rows)) : Optional.empty();
      }
    }
  }

  private static StoredRating rating(ResultSet rows) throws SQLException {
    return new StoredRating(AgentIdentity.parse(rows.getString("agent")), rows.getString("domain"),
        rows.getDouble("elo"), rows.getInt("wins"), rows.getInt("losses"), rows.getInt("draws"),
        rows.getInt("matches"));
  }

  /** The agent's predictions in {@code domain}, or in every domain for {@link StoredRating#OVERALL}. */
  private static List<Prediction> predictions(Connection connection, String tenant, AgentIdentity agent, String domain)
      throws SQLException {
    boolean all = domain.equals(StoredRating.OVERALL);
    List<Prediction> predictions = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT confidence, outcome FROM predictions "
        + "WHERE tenant_id = ? AND agent = ?" + (all ? "" : " AND domain = ?") + " ORDER BY debate_id, n")) {
      select.setString(1, tenant);
      select.setString(2, agent.id());
      if (!all) select.setString(3, domain);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) predictions.add(new Prediction(rows.getDouble(1), rows.getDouble(2)));
      }
    }
    return predictions;
  }

  private <T> T withConnection(Sql<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("rating store: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(Sql<T> work) {
    return withConnection(connection -> Transactions.run(connection, work));
  }
}
