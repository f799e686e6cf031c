package dev.aragora.server.ranking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.agent.AgentIdentity;
import dev.aragora.core.consensus.VoteWeights;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.ranking.AgentStanding;
import dev.aragora.core.ranking.MatchRecord;
import dev.aragora.core.ranking.RatedWeights;
import dev.aragora.core.ranking.RatingChange;
import dev.aragora.server.store.RankedAgent;
import dev.aragora.server.store.RatingStore;
import dev.aragora.server.stream.EventBus;
import dev.aragora.server.stream.RankingChannel;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratings in the running server: records each finished debate once ({@link RatingStore}), then
 * announces it on the {@link RankingChannel} ({@code match_recorded}, {@code leaderboard_update}),
 * and keeps every identity's standing in memory for vote weights and {@code auto_select}, refreshed
 * after each recording (so a debate is weighed by the ratings as of when its votes are counted).
 * Matches other instances record arrive as {@code match_recorded} on the channel ({@link
 * #refreshOn}) and make the next read load the standings again; so does an age of
 * {@value #MAX_AGE_SECONDS} s, for announcements lost while the bus was down.
 */
public final class Rankings {
  private static final Logger LOG = LoggerFactory.getLogger(Rankings.class);
  static final int LEADERBOARD_TOP = 10;
  static final long MAX_AGE_SECONDS = 30;

  private final RatingStore store;
  private final ObjectMapper json;
  private volatile Consumer<Recorded> listener = r -> {};
  private volatile Map<AgentIdentity, AgentStanding> standings;
  private volatile long readAt = System.nanoTime();
  private volatile boolean stale;

  /** One recorded debate with the leaderboard of its domain after it, for {@link #onRecorded}. */
  public record Recorded(MatchRecord match, java.util.List<RankedAgent> domainTop) {}

  public Rankings(RatingStore store, ObjectMapper json) {
    this.store = requireNonNull(store, "store is null");
    this.json = requireNonNull(json, "json is null");
    this.standings = store.standings();
  }

  public RatingStore store() {
    return store;
  }

  public double initialElo() {
    return store.elo().initial();
  }

  /** Sends each recorded debate to {@code channel} as {@code match_recorded} then {@code leaderboard_update}. */
  public void publishTo(RankingChannel channel) {
    requireNonNull(channel, "channel is null");
    this.listener = recorded -> {
      channel.publish("match_recorded", matchRecorded(recorded.match()));
      channel.publish("leaderboard_update", leaderboardUpdate(recorded.match().match().domain(), recorded.domainTop()));
    };
  }

  /**
   * Records a finished debate in {@code domain}; empty (and nothing published) when it is not a
   * match or was recorded before.
   */
  public Optional<MatchRecord> record(DebateResult result, String domain) {
    Optional<MatchRecord> recorded = store.record(result, domain);
    if (recorded.isEmpty()) return recorded;
    reload();
    try {
      listener.accept(new Recorded(recorded.get(), store.leaderboard(LEADERBOARD_TOP, recorded.get().match().domain())));
    } catch (RuntimeException e) {
      LOG.warn("debate {}: recorded, but announcing it failed", result.debateId(), e);
    }
    return recorded;
  }

  /** Marks the standings stale whenever any instance announces a match on {@code bus}. */
  public void refreshOn(EventBus bus) {
    bus.subscribe(RankingChannel.ID, (seq, type, envelope) -> {
      if ("match_recorded".equals(type)) stale = true;
    });
  }

  /** The identity's overall standing as last recorded; empty when it never played. */
  public Optional<AgentStanding> standing(AgentIdentity agent) {
    if (stale || System.nanoTime() - readAt > TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      try {
        reload();
      } catch (RuntimeException e) {
        LOG.debug("standings kept as they were: {}", e.toString());
      }
    }
    return Optional.ofNullable(standings.get(agent));
  }

  private void reload() {
    stale = false;
    readAt = System.nanoTime();
    standings = store.standings();
  }

  /**
   * Vote weights from the stored ratings and calibration (core {@link RatedWeights}), looked up by
   * agent name when the votes are counted.
   */
  public VoteWeights voteWeights() {
    return RatedWeights.byAgentName(this::standing, initialElo());
  }

  private ObjectNode matchRecorded(MatchRecord record) {
    ObjectNode data = json.createObjectNode();
    data.put("debate_id", record.debateId());
    data.put("domain", record.match().domain());
    data.put("winner", record.match().winner() == null ? null : record.match().winner().id());
    data.put("consensus_reached", record.match().consensusReached());
    ArrayNode changes = data.putArray("changes");
    for (RatingChange c : record.changes()) {
      changes.addObject().put("agent", c.agent().id()).put("before", c.eloBefore()).put("after", c.eloAfter())
          .put("domain_before", c.domainEloBefore()).put("domain_after", c.domainEloAfter())
          .put("result", c.result().name().toLowerCase(Locale.ROOT));
    }
    return data;
  }

  private ObjectNode leaderboardUpdate(String domain, java.util.List<RankedAgent> top) {
    ObjectNode data = json.createObjectNode();
    data.put("domain", domain);
    ArrayNode agents = data.putArray("top");
    for (RankedAgent a : top) {
      agents.addObject().put("agent", a.rating().agent().id()).put("elo", a.rating().elo())
          .put("matches", a.rating().matches());
    }
    return data;
  }
}
