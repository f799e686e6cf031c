package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.memory.Match;
import dev.aragora.core.memory.MemoryEntry;
import dev.aragora.core.memory.MemoryKind;
import dev.aragora.core.memory.MemoryQuery;
import dev.aragora.core.memory.MemoryStore;
import dev.aragora.core.memory.MemoryTier;
import dev.aragora.core.memory.Placement;
import dev.aragora.core.memory.TierPolicy;
import dev.aragora.core.memory.Vectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The memory tiers in the database ({@code memory_entries}, migration V2), with {@link TierPolicy}
 * applied at this store's clock:
 *
 * <ul>
 *   <li>Searches never return an entry that has expired out of memory, whether or not a sweep has
 *       run: each candidate is settled (demoted per expiry reached) before it is scored.
 *   <li>Every write (put, use, sweep) runs in one transaction that first locks the scope's row in
 *       {@code memory_scopes}, applies the write, then settles the scope's entries and fits its
 *       tiers to their budgets, so a committed scope is always within budget.
 * </ul>
 *
 * <p>Similarity is computed in Java over the scope's live entries of the asked kinds (cosine of the
 * stored vectors, or TF-IDF for entries without one). The tiers' budgets bound a scope to about
 * 11 MB of text, a few thousand entries of at most 2 KB, so a search is one indexed range read and
 * a linear scan; no vector index is needed at this size.
 */
public final class JdbcMemoryStore implements MemoryStore {
  private static final String COLUMNS = "id, scope, kind, debate_id, agent, question, text, confidence, embedding, "
      + "embedding_model, size_bytes, tier, uses, tier_uses, created_at, last_used_at, expires_at";
  private static final String PLACEMENT_COLUMNS = "id, tier, size_bytes, uses, tier_uses, last_used_at, expires_at";

  private final Database database;
  private final InstantSource clock;

  public JdbcMemoryStore(Database database, InstantSource clock) {
    this.database = requireNonNull(database, "database is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public void put(MemoryEntry entry) {
    requireNonNull(entry, "entry is null");
    Instant now = clock.instant();
    inTransaction(connection -> {
      lockScope(connection, entry.scope());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO memory_entries (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        Placement p = entry.placement();
        insert.setString(1, entry.id());
        insert.setString(2, entry.scope());
        insert.setString(3, entry.kind().wire());
        insert.setString(4, entry.debateId());
        insert.setString(5, entry.agent());
        insert.setString(6, entry.question());
        insert.setString(7, entry.text());
        insert.setDouble(8, entry.confidence());
        insert.setString(9, Vectors.encode(entry.vector()));
        insert.setString(10, entry.model());
        insert.setInt(11, p.bytes());
        insert.setString(12, p.tier().wire());
        insert.setInt(13, p.uses());
        insert.setInt(14, p.tierUses());
        insert.setLong(15, entry.createdAt().toEpochMilli());
        insert.setLong(16, p.lastUsedAt().toEpochMilli());
        insert.setLong(17, p.expiresAt().toEpochMilli());
        insert.executeUpdate();
      }
      return reconcile(connection, entry.scope(), now);
    });
  }

  @Override
  public List<Match> search(String scope, MemoryQuery query, Set<MemoryKind> kinds, int limit, double minSimilarity) {
    requireNonNull(scope, "scope is null");
    requireNonNull(query, "query is null");
    if (limit < 0) throw new IllegalArgumentException("limit < 0: " + limit);
    if (kinds.isEmpty() || limit == 0) return List.of();
    Instant now = clock.instant();
    List<MemoryEntry> live = withConnection(connection -> {
      // FAST entries past their expiry are gone; those of higher tiers are demoted, so still candidates.
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM memory_entries "
          + "WHERE scope = ? AND kind IN (" + marks(kinds.size()) + ") AND (tier <> ? OR expires_at > ?)")) {
        int i = 1;
        select.setString(i++, scope);
        for (MemoryKind kind : kinds) select.setString(i++, kind.wire());
        select.setString(i++, MemoryTier.FAST.wire());
        select.setLong(i, now.toEpochMilli());
        List<MemoryEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            MemoryEntry entry = entry(rows);
            TierPolicy.settle(entry.placement(), now).ifPresent(p -> entries.add(entry.at(p)));
          }
        }
        return entries;
      }
    });
    return Match.best(query, live, limit, minSimilarity);
  }

  @Override
  public void markUsed(Collection<String> ids) {
    requireNonNull(ids, "ids is null");
    if (ids.isEmpty()) return;
    List<String> distinct = List.copyOf(new TreeSet<>(ids));
    Instant now = clock.instant();
    inTransaction(connection -> {
      // Lock every scope involved, in order (so two writers never wait on each other crosswise), then
      // read the placements under the lock.
      for (String scope : scopesOf(connection, distinct)) lockScope(connection, scope);
      List<Placement> placements = new ArrayList<>();
      List<String> scopes = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT scope, " + PLACEMENT_COLUMNS
          + " FROM memory_entries WHERE id IN (" + marks(distinct.size()) + ")")) {
        for (int i = 0; i < distinct.size(); i++) select.setString(i + 1, distinct.get(i));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            scopes.add(rows.getString("scope"));
            placements.add(placement(rows));
          }
        }
      }
      List<Placement> moved = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      for (Placement p : placements) {
        Optional<Placement> after = TierPolicy.use(p, now);
        if (after.isPresent()) moved.add(after.get());
        else dropped.add(p.id());
      }
      apply(connection, moved, dropped);
      for (String scope : new TreeSet<>(scopes)) reconcile(connection, scope, now);
      return null;
    });
  }

  @Override
  public int sweep() {
    Instant now = clock.instant();
    List<String> scopes = withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT DISTINCT scope FROM memory_entries WHERE expires_at <= ?")) {
        select.setLong(1, now.toEpochMilli());
        List<String> found = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) found.add(rows.getString(1));
        }
        return found;
      }
    });
    int changed = 0;
    for (String scope : scopes) {
      changed += inTransaction(connection -> {
        lockScope(connection, scope);
        return reconcile(connection, scope, now);
      });
    }
    return changed;
  }

  /** How many entries {@code scope} has in each tier, for tests and diagnostics. */
  public Map<MemoryTier, Integer> countByTier(String scope) {
    return withConnection(connection -> {
      Map<MemoryTier, Integer> counts = new EnumMap<>(MemoryTier.class);
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT tier, COUNT(*) FROM memory_entries WHERE scope = ? GROUP BY tier")) {
        select.setString(1, scope);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) counts.put(MemoryTier.parse(rows.getString(1)), rows.getInt(2));
        }
      }
      return counts;
    });
  }

  /** Reads one entry as stored (not settled), if it exists. */
  public Optional<MemoryEntry> find(String id) {
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM memory_entries WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(entry(rows)) : Optional.<MemoryEntry>empty();
        }
      }
    });
  }

  /**
   * Settles every entry of {@code scope} at {@code now} and fits its tiers to their budgets; the
   * caller holds the scope's lock. Returns how many entries moved or were dropped.
   */
  private static int reconcile(Connection connection, String scope, Instant now) throws SQLException {
    List<Placement> current = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + PLACEMENT_COLUMNS + " FROM memory_entries WHERE scope = ?")) {
      select.setString(1, scope);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) current.add(placement(rows));
      }
    }
    Map<String, Placement> moved = new LinkedHashMap<>();
    List<String> dropped = new ArrayList<>();
    List<Placement> settled = new ArrayList<>();
    for (Placement p : current) {
      Optional<Placement> after = TierPolicy.settle(p, now);
      if (after.isEmpty()) {
        dropped.add(p.id());
        continue;
      }
      if (!after.get().equals(p)) moved.put(p.id(), after.get());
      settled.add(after.get());
    }
    TierPolicy.Changes fit = TierPolicy.fit(settled, now);
    for (Placement p : fit.moved()) moved.put(p.id(), p);
    for (String id : fit.dropped()) {
      moved.remove(id);
      dropped.add(id);
    }
    apply(connection, moved.values(), dropped);
    return moved.size() + dropped.size();
  }

  private static void apply(Connection connection, Collection<Placement> moved, Collection<String> dropped)
      throws SQLException {
    if (!moved.isEmpty()) {
      try (PreparedStatement update = connection.prepareStatement("UPDATE memory_entries SET tier = ?, uses = ?, "
          + "tier_uses = ?, last_used_at = ?, expires_at = ? WHERE id = ?")) {
        for (Placement p : moved) {
          update.setString(1, p.tier().wire());
          update.setInt(2, p.uses());
          update.setInt(3, p.tierUses());
          update.setLong(4, p.lastUsedAt().toEpochMilli());
          update.setLong(5, p.expiresAt().toEpochMilli());
          update.setString(6, p.id());
          update.addBatch();
        }
        update.executeBatch();
      }
    }
    if (!dropped.isEmpty()) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM memory_entries WHERE id = ?")) {
        for (String id : dropped) {
          delete.setString(1, id);
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
  }

  /** Takes the scope's row lock until the transaction ends, creating the row on first use. */
  private static void lockScope(Connection connection, String scope) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO memory_scopes (scope, version) VALUES (?, 0) ON CONFLICT (scope) DO NOTHING")) {
      insert.setString(1, scope);
      insert.executeUpdate();
    }
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE memory_scopes SET version = version + 1 WHERE scope = ?")) {
      update.setString(1, scope);
      update.executeUpdate();
    }
  }

  private static List<String> scopesOf(Connection connection, List<String> ids) throws SQLException {
    TreeSet<String> scopes = new TreeSet<>();
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT DISTINCT scope FROM memory_entries WHERE id IN (" + marks(ids.size()) + ")")) {
      for (int i = 0; i < ids.size(); i++) select.setString(i + 1, ids.get(i));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) scopes.add(rows.getString(1));
      }
    }
    return List.copyOf(scopes);
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static Placement placement(ResultSet rows) throws SQLException {
    return new Placement(rows.getString("id"), MemoryTier.parse(rows.getString("tier")), rows.getInt("size_bytes"),
        rows.getInt("uses"), rows.getInt("tier_uses"), Instant.ofEpochMilli(rows.getLong("last_used_at")),
        Instant.ofEpochMilli(rows.getLong("expires_at")));
  }

  private static MemoryEntry entry(ResultSet rows) throws SQLException {
    return new MemoryEntry(rows.getString("scope"), MemoryKind.parse(rows.getString("kind")),
        rows.getString("debate_id"), rows.getString("agent"), rows.getString("question"), rows.getString("text"),
        rows.getDouble("confidence"), Vectors.decode(rows.getString("embedding")), rows.getString("embedding_model"),
        Instant.ofEpochMilli(rows.getLong("created_at")), placement(rows));
  }

  private <T> T withConnection(Sql<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("memory store: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(Sql<T> work) {
    return withConnection(connection -> Transactions.run(connection, work));
  }
}
