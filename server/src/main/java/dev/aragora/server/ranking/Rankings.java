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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratings in the running server, per tenant: records each finished debate once in its tenant's
 * ratings ({@link RatingStore}), then announces it on that tenant's {@link RankingChannel}
 * ({@code match_recorded}, {@code leaderboard_update}), and keeps each tenant's identities' standings
 * in memory for vote weights and {@code auto_select}, refreshed after each recording (so a debate is
 * weighed by its tenant's ratings as of when its votes are counted). Matches other instances record
 * arrive as {@code match_recorded} on the tenant's channel ({@link #refreshOn}) and make the next read
 * load that tenant's standings again; so does an age of {@value #MAX_AGE_SECONDS} s, for
 * announcements lost while the bus was down.
 */
public final class Rankings {
  private static final Logger LOG = LoggerFactory.getLogger(Rankings.class);
  static final int LEADERBOARD_TOP = 10;
  static final long MAX_AGE_SECONDS = 30;

  private final RatingStore store;
  private final ObjectMapper json;
  private volatile Consumer<Recorded> listener = r -> {};
  private final Map<String, Standings> tenants = new ConcurrentHashMap<>();
  private volatile EventBus bus;

  /** One recorded debate of {@code tenant} with the leaderboard of its domain after it, for {@link #publishTo}. */
  public record Recorded(String tenant, MatchRecord match, List<RankedAgent> domainTop) {}

  /** One tenant's standings as last read, and whether they must be read again. */
  private static final class Standings {
    volatile Map<AgentIdentity, AgentStanding> byAgent = Map.of();
    volatile long readAt;
    volatile boolean stale = true;
    EventBus.Subscription announcements;
  }

  public Rankings(RatingStore store, ObjectMapper json) {
    this.store = requireNonNull(store, "store is null");
    this.json = requireNonNull(json, "json is null");
  }

  public RatingStore store() {
    return store;
  }

  public double initialElo() {
    return store.elo().initial();
  }

  /** Sends each recorded debate to its tenant's channel as {@code match_recorded} then {@code leaderboard_update}. */
  public void publishTo(RankingChannel channel) {
    requireNonNull(channel, "channel is null");
    this.listener = recorded -> {
      channel.publish(recorded.tenant(), "match_recorded", matchRecorded(recorded.match()));
      channel.publish(recorded.tenant(), "leaderboard_update",
          leaderboardUpdate(recorded.match().match().domain(), recorded.domainTop()));
    };
  }

  /**
   * Records a finished debate of {@code tenant} in {@code domain}; empty (and nothing published) when
   * it is not a match or was recorded before.
   */
  public Optional<MatchRecord> record(String tenant, DebateResult result, String domain) {
    Optional<MatchRecord> recorded = store.record(tenant, result, domain);
    if (recorded.isEmpty()) return recorded;
    reload(tenant, standings(tenant));
    try {
      listener.accept(new Recorded(tenant, recorded.get(),
          store.leaderboard(tenant, LEADERBOARD_TOP, recorded.get().match().domain())));
    } catch (RuntimeException e) {
      LOG.warn("debate {}: recorded, but announcing it failed", result.debateId(), e);
    }
    return recorded;
  }

  /**
   * Marks a tenant's standings stale whenever any instance announces one of its matches on {@code bus}
   * (each tenant's channel is subscribed to when its standings are first read).
   */
  public void refreshOn(EventBus bus) {
    this.bus = requireNonNull(bus, "bus is null");
    tenants.forEach(this::subscribe);
  }

  /** The identity's overall standing in {@code tenant} as last recorded; empty when it never played there. */
  public Optional<AgentStanding> standing(String tenant, AgentIdentity agent) {
    Standings standings = standings(tenant);
    if (standings.stale || System.nanoTime() - standings.readAt > TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      try {
        reload(tenant, standings);
      } catch (RuntimeException e) {
        LOG.debug("standings of {} kept as they were: {}", tenant, e.toString());
      }
    }
    return Optional.ofNullable(standings.byAgent.get(agent));
  }

  private Standings standings(String tenant) {
    requireNonNull(tenant, "tenant is null");
    Standings standings = tenants.get(tenant);
    if (standings != null) return standings;
    Standings created = new Standings();
    standings = tenants.putIfAbsent(tenant, created);
    if (standings != null) return standings;
    subscribe(tenant, created);
    return created;
  }

  private void subscribe(String tenant, Standings standings) {
    EventBus current = bus;
    if (current == null) return;
    synchronized (standings) {
      if (standings.announcements != null) return;
      standings.announcements = current.subscribe(RankingChannel.of(tenant), (seq, type, envelope) -> {
        if ("match_recorded".equals(type)) standings.stale = true;
      });
    }
  }

  private void reload(String tenant, Standings standings) {
    standings.stale = false;
    standings.readAt = System.nanoTime();
    standings.byAgent = store.standings(tenant);
  }

  /**
   * Vote weights from {@code tenant}'s stored ratings and calibration (core {@link RatedWeights}),
   * looked up by agent name when the votes are counted.
   */
  public VoteWeights voteWeights(String tenant) {
    requireNonNull(tenant, "tenant is null");
    return RatedWeights.byAgentName(agent -> standing(tenant, agent), initialElo());
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

  private ObjectNode leaderboardUpdate(String domain, List<RankedAgent> top) {
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
