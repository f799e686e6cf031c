package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Debates' rows: creation, status transitions, results and listing. */
public final class DebateRepository {
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  static final String COLUMNS = "id, tenant_id, status, task, request_json, result_json, error, metadata_json, "
      + "created_at, started_at, finished_at, queue_seq";

  private final Database database;
  private final ObjectMapper json;
  private final RequestJson requests;
  private final InstantSource clock;

  public DebateRepository(Database database, ObjectMapper json, InstantSource clock) {
    this.database = requireNonNull(database, "database is null");
    this.json = requireNonNull(json, "json is null");
    this.requests = new RequestJson(json);
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Queued and running are the only states a debate leaves; every other status is final. */
  public static boolean isTerminal(String status) {
    return !QUEUED.equals(status) && !RUNNING.equals(status);
  }

  /**
   * What admitting a debate charges its tenant, run in the transaction that stores the debate, before
   * the insert: it may refuse (by throwing), and then nothing of the debate is written.
   */
  @FunctionalInterface
  public interface UsageCharge {
    UsageCharge NONE = (connection, tenant, bytes) -> {};

    /** @param bytes what the new row holds: the UTF-8 size of its task, request and metadata */
    void charge(Connection connection, String tenant, long bytes) throws SQLException;
  }

  /** Stores a new debate of {@code tenant} in status {@value #QUEUED}, behind every debate created before it. */
  public StoredDebate create(String tenant, String id, DebateRequest request, Map<String, ?> metadata) {
    return create(tenant, id, request, metadata, UsageCharge.NONE);
  }

  /** As {@link #create(String, String, DebateRequest, Map)}, charging {@code charge} in the same transaction. */
  public StoredDebate create(String tenant, String id, DebateRequest request, Map<String, ?> metadata,
                             UsageCharge charge) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    requireNonNull(request, "request is null");
    requireNonNull(charge, "charge is null");
    String requestJson = requests.write(request);
    String metadataJson = write(metadata == null ? Map.of() : metadata);
    long bytes = utf8(request.question()) + utf8(requestJson) + utf8(metadataJson);
    long now = clock.instant().toEpochMilli();
    return inTransaction(connection -> {
      charge.charge(connection, tenant, bytes);
      long queueSeq;
      try (PreparedStatement next = connection.prepareStatement(
          "UPDATE counters SET value = value + 1 WHERE name = 'queue_seq' RETURNING value");
           ResultSet rows = next.executeQuery()) {
        if (!rows.next()) throw new SQLException("counter queue_seq is missing");
        queueSeq = rows.getLong(1);
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO debates (" + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, NULL, ?)")) {
        insert.setString(1, id);
        insert.setString(2, tenant);
        insert.setString(3, QUEUED);
        insert.setString(4, request.question());
        insert.setString(5, requestJson);
        insert.setString(6, metadataJson);
        insert.setLong(7, now);
        insert.setLong(8, queueSeq);
        insert.executeUpdate();
      }
      return new StoredDebate(id, tenant, QUEUED, request.question(), requestJson, null, null, metadataJson,
          Instant.ofEpochMilli(now), null, null, queueSeq);
    });
  }

  /** Decodes a stored request. */
  public DebateRequest request(StoredDebate debate) {
    return requests.read(debate.requestJson());
  }

  /** Moves the debate to {@code to} only if its status is one of {@code from}; true when it moved. */
  public boolean updateStatus(String id, Set<String> from, String to) {
    return updateStatus(id, from, to, null);
  }

  /**
   * As {@link #updateStatus(String, Set, String)}, recording {@code error} (if not null). Moving to
   * {@value #RUNNING} stamps started_at; moving to a final status stamps finished_at.
   */
  public boolean updateStatus(String id, Set<String> from, String to, String error) {
    requireNonNull(id, "id is null");
    requireNonNull(to, "to is null");
    if (from.isEmpty()) return false;
    long now = clock.instant().toEpochMilli();
    StringBuilder sql = new StringBuilder("UPDATE debates SET status = ?");
    if (RUNNING.equals(to)) sql.append(", started_at = ?");
    if (isTerminal(to)) sql.append(", finished_at = ?");
    if (error != null) sql.append(", error = ?");
    sql.append(" WHERE id = ? AND status IN (").append(String.join(", ", from.stream().map(s -> "?").toList())).append(')');
    return withConnection(connection -> {
      try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
        int i = 1;
        update.setString(i++, to);
        if (RUNNING.equals(to)) update.setLong(i++, now);
        if (isTerminal(to)) update.setLong(i++, now);
        if (error != null) update.setString(i++, error);
        update.setString(i++, id);
        for (String status : from) update.setString(i++, status);
        return update.executeUpdate() == 1;
      }
    });
  }

  /**
   * Stores the decision: status from the result, its JSON, its error (if any) and finished_at, in
   * one statement. A debate already in a final status keeps it; returns whether the row changed.
   */
  public boolean saveResult(String id, DebateResult result) {
    return saveResult(id, result, null);
  }

  /**
   * As {@link #saveResult(String, DebateResult)}, only while {@code leaseOwner} holds the debate's
   * lease (any owner when null), and ends the lease: an instance that lost a debate to another can
   * no longer decide it.
   */
  public boolean saveResult(String id, DebateResult result, String leaseOwner) {
    requireNonNull(id, "id is null");
    requireNonNull(result, "result is null");
    String resultJson = write(result);
    long now = clock.instant().toEpochMilli();
    return inTransaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE debates SET status = ?, result_json = ?, "
          + "error = ?, finished_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND status IN (?, ?)"
          + (leaseOwner == null ? "" : " AND lease_owner = ?"))) {
        update.setString(1, result.status().wire());
        update.setString(2, resultJson);
        if (result.error().isEmpty()) update.setNull(3, Types.VARCHAR);
        else update.setString(3, result.error());
        update.setLong(4, now);
        update.setString(5, id);
        update.setString(6, QUEUED);
        update.setString(7, RUNNING);
        if (leaseOwner != null) update.setString(8, leaseOwner);
        return update.executeUpdate() == 1;
      }
    });
  }

  /** The debate {@code id} of any tenant: for the queue, the runner and the streams' internals, never for an answer. */
  public Optional<StoredDebate> find(String id) {
    requireNonNull(id, "id is null");
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM debates WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(row(rows)) : Optional.<StoredDebate>empty();
        }
      }
    });
  }

  /** The debate {@code id} if {@code tenant} owns it; empty for another tenant's, exactly as for none. */
  public Optional<StoredDebate> find(String tenant, String id) {
    requireNonNull(tenant, "tenant is null");
    requireNonNull(id, "id is null");
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
          + " FROM debates WHERE id = ? AND tenant_id = ?")) {
        select.setString(1, id);
        select.setString(2, tenant);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(row(rows)) : Optional.<StoredDebate>empty();
        }
      }
    });
  }

  /** {@code tenant}'s debates, newest first; {@code status} null for all. */
  public DebatePage list(String tenant, String status, int limit, int offset) {
    requireNonNull(tenant, "tenant is null");
    if (limit < 0 || offset < 0) throw new IllegalArgumentException("limit and offset must not be negative");
    String where = " WHERE tenant_id = ?" + (status == null ? "" : " AND status = ?");
    return inTransaction(connection -> {
      long total;
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM debates" + where)) {
        count.setString(1, tenant);
        if (status != null) count.setString(2, status);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      List<StoredDebate> items = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM debates" + where
          + " ORDER BY created_at DESC, queue_seq DESC LIMIT ? OFFSET ?")) {
        int i = 1;
        select.setString(i++, tenant);
        if (status != null) select.setString(i++, status);
        select.setInt(i++, limit);
        select.setInt(i, offset);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) items.add(row(rows));
        }
      }
      return new DebatePage(items, total);
    });
  }

  /** Every debate in {@code status}, oldest first (queue order): for recovery after a restart. */
  public List<StoredDebate> findByStatus(String status) {
    requireNonNull(status, "status is null");
    return withConnection(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT " + COLUMNS + " FROM debates WHERE status = ? ORDER BY queue_seq")) {
        select.setString(1, status);
        List<StoredDebate> items = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) items.add(row(rows));
        }
        return items;
      }
    });
  }

  static StoredDebate row(ResultSet rows) throws SQLException {
    return new StoredDebate(rows.getString("id"), rows.getString("tenant_id"), rows.getString("status"), rows.getString("task"),
        rows.getString("request_json"), rows.getString("result_json"), rows.getString("error"),
        rows.getString("metadata_json"), instant(rows, "created_at"), instant(rows, "started_at"),
        instant(rows, "finished_at"), rows.getLong("queue_seq"));
  }

  private static Instant instant(ResultSet rows, String column) throws SQLException {
    long millis = rows.getLong(column);
    return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static long utf8(String text) {
    return text == null ? 0 : text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName() + " to JSON", e);
    }
  }

  private <T> T withConnection(Sql<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("debate store: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(Sql<T> work) {
    return withConnection(connection -> Transactions.run(connection, work));
  }
}
