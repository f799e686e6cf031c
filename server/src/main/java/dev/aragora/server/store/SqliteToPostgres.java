package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Copies a SQLite data directory's database into PostgreSQL and checks the copy.
 *
 * <p>Both must be at this build's schema version: the target is migrated first, and a source that
 * is behind (or ahead) is refused. The whole copy is one PostgreSQL transaction, so it lands
 * completely or not at all; the source is read in one read transaction, a consistent snapshot.
 * A target that already holds data is refused unless {@code replace}, which empties every copied
 * table first (in the same transaction). Rows keep their ids and stored sequence numbers (the
 * {@code counters} rows carry the application's own sequences); any serial or identity column is
 * set past its copied maximum.
 */
public final class SqliteToPostgres {
  /** Tables that migrations seed with rows; these rows count as data only once they moved off zero. */
  private static final Map<String, String> SEEDED_DATA = Map.of("counters", "value <> 0");
  private static final String HISTORY = "flyway_schema_history";
  private static final int BATCH = 500;
  private static final int SHOWN_VALUE_CHARS = 60;

  /** What {@link #copy} did: rows per table in insertion order, and how many sequences were moved. */
  public record Copy(Map<String, Long> rows, int sequencesReset) {
    public Copy {
      rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }
  }

  /** One table compared: row counts on both sides, rows sampled, and every difference found. */
  public record TableCheck(String table, long sourceRows, long targetRows, int sampled, List<String> mismatches) {
    public TableCheck {
      requireNonNull(table, "table is null");
      mismatches = List.copyOf(mismatches);
    }

    public boolean ok() {
      return sourceRows == targetRows && mismatches.isEmpty();
    }
  }

  private record Column(String name, String type) {}

  private record Table(String name, List<Column> columns, List<String> key) {
    String columnList() {
      return String.join(", ", columns.stream().map(c -> quote(c.name())).toList());
    }
  }

  private final DatabaseSettings source;
  private final DatabaseSettings target;

  public SqliteToPostgres(DatabaseSettings source, DatabaseSettings target) {
    this.source = requireNonNull(source, "source is null");
    this.target = requireNonNull(target, "target is null");
    if (source.isPostgres()) throw new IllegalArgumentException("the source must be a SQLite data directory");
    if (!target.isPostgres()) throw new IllegalArgumentException("the target must be a PostgreSQL URL");
  }

  /** Checks that the source exists and is at this build's schema version, then migrates the target. */
  public Migrations.Applied prepare() {
    if (!Files.isRegularFile(source.sqliteFile())) throw new StoreException("no SQLite database at " + source.sqliteFile());
    Migrations.Status status = Migrations.of(source).status();
    if (!status.isCurrent() || !status.ahead().isEmpty())
      throw new StoreException("the SQLite database is not at this version's schema (" + status.summary()
          + (status.ahead().isEmpty() ? "" : ", ahead: " + status.ahead()) + "); "
          + "bring it up to date first: ARAGORA_DATA_DIR=" + source.dataDir() + " aragora migrate (without DATABASE_URL)");
    return Migrations.of(target).migrate();
  }

  /** Copies every table in one transaction; see the class comment for {@code replace}. */
  public Copy copy(boolean replace) {
    boolean committing = false;
    try (Connection from = Database.unpooled(source).getConnection(); Connection to = targetConnection()) {
      from.setAutoCommit(false);
      to.setAutoCommit(false);
      try {
        List<Table> tables = inInsertOrder(to, tables(from, to));
        if (!replace) refuseIfHoldingData(to, tables);
        try (Statement truncate = to.createStatement()) {
          truncate.execute("TRUNCATE TABLE " + String.join(", ", tables.stream().map(t -> quote(t.name())).toList()));
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table table : tables) rows.put(table.name(), copyRows(from, to, table));
        int sequences = 0;
        for (Table table : tables) sequences += resetSequences(to, table);
        committing = true;
        to.commit();
        return new Copy(rows, sequences);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(to, e);
        throw e;
      } finally {
        from.rollback();
      }
    } catch (SQLException e) {
      // A connection lost while committing leaves the outcome unknown; before that, nothing was written.
      throw new StoreException("copy to " + target.describe() + " failed"
          + (committing ? " while committing (check the target before running it again)" : "; PostgreSQL is unchanged")
          + ": " + target.redact(e.getMessage()), e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  /**
   * Compares every table: row counts, and up to {@code sample} random rows of the source looked up
   * by primary key in the target and compared column by column.
   */
  public List<TableCheck> verify(int sample) {
    if (sample < 0) throw new IllegalArgumentException("sample must not be negative");
    try (Connection from = Database.unpooled(source).getConnection(); Connection to = targetConnection()) {
      from.setAutoCommit(false);
      to.setAutoCommit(false);
      to.setReadOnly(true);
      try {
        List<TableCheck> checks = new ArrayList<>();
        for (Table table : tables(from, to)) checks.add(check(from, to, table, sample));
        return checks;
      } finally {
        from.rollback();
        to.rollback();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot compare with " + target.describe() + ": " + target.redact(e.getMessage()), e);
    }
  }

  private Connection targetConnection() throws SQLException {
    DataSource data = Database.unpooled(target);
    // One multi-row INSERT per batch instead of one statement per row.
    data.unwrap(PGSimpleDataSource.class).setReWriteBatchedInserts(true);
    return data.getConnection();
  }

  /** The source's tables with their columns; each must exist in the target with the same columns. */
  private static List<Table> tables(Connection from, Connection to) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = from.createStatement();
         ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
             + "AND name NOT LIKE 'sqlite_%' AND name <> '" + HISTORY + "' ORDER BY name")) {
      while (rows.next()) names.add(rows.getString(1));
    }
    List<Table> tables = new ArrayList<>();
    for (String name : names) {
      if (!name.matches("[a-z_][a-z0-9_]{0,62}")) throw new StoreException("unexpected table name in the SQLite database: " + name);
      Map<Integer, String> key = new TreeMap<>();
      Set<String> sourceColumns = new LinkedHashSet<>();
      try (Statement statement = from.createStatement();
           ResultSet rows = statement.executeQuery("PRAGMA table_info(" + quote(name) + ")")) {
        while (rows.next()) {
          sourceColumns.add(rows.getString("name"));
          if (rows.getInt("pk") > 0) key.put(rows.getInt("pk"), rows.getString("name"));
        }
      }
      List<Column> columns = new ArrayList<>();
      try (PreparedStatement select = to.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
          + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
        select.setString(1, name);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) columns.add(new Column(rows.getString(1), rows.getString(2)));
        }
      }
      Set<String> targetColumns = new LinkedHashSet<>(columns.stream().map(Column::name).toList());
      if (columns.isEmpty()) throw new StoreException("table " + name + " is missing in PostgreSQL");
      if (!targetColumns.equals(sourceColumns))
        throw new StoreException("table " + name + " has columns " + sourceColumns + " in SQLite but " + targetColumns
            + " in PostgreSQL");
      tables.add(new Table(name, columns, List.copyOf(key.values())));
    }
    return tables;
  }

  /** Parents before children, from the target's foreign keys, so each insert finds the rows it refers to. */
  private static List<Table> inInsertOrder(Connection to, List<Table> tables) throws SQLException {
    Map<String, Table> byName = new LinkedHashMap<>();
    for (Table table : tables) byName.put(table.name(), table);
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    DatabaseMetaData meta = to.getMetaData();
    for (Table table : tables) {
      Set<String> of = new LinkedHashSet<>();
      try (ResultSet keys = meta.getImportedKeys(null, to.getSchema(), table.name())) {
        while (keys.next()) {
          String parent = keys.getString("PKTABLE_NAME");
          if (byName.containsKey(parent) && !parent.equals(table.name())) of.add(parent);
        }
      }
      parents.put(table.name(), of);
    }
    List<Table> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < tables.size()) {
      boolean progressed = false;
      for (Table table : tables) {
        if (!placed.contains(table.name()) && placed.containsAll(parents.get(table.name()))) {
          ordered.add(table);
          placed.add(table.name());
          progressed = true;
        }
      }
      if (!progressed) throw new StoreException("the tables' foreign keys form a cycle; cannot order the copy");
    }
    return ordered;
  }

  private static void refuseIfHoldingData(Connection to, List<Table> tables) throws SQLException {
    List<String> holding = new ArrayList<>();
    for (Table table : tables) {
      String where = SEEDED_DATA.containsKey(table.name()) ? " WHERE " + SEEDED_DATA.get(table.name()) : "";
      long count = count(to, quote(table.name()) + where);
      if (count > 0) holding.add(table.name() + " (" + count + (count == 1 ? " row)" : " rows)"));
    }
    if (!holding.isEmpty())
      throw new StoreException("PostgreSQL already holds data in " + String.join(", ", holding)
          + "; nothing was copied. Use --force to replace it with the SQLite data");
  }

  private static long copyRows(Connection from, Connection to, Table table) throws SQLException {
    String columns = table.columnList();
    String marks = String.join(", ", table.columns().stream().map(c -> "?").toList());
    long copied = 0;
    try (Statement select = from.createStatement();
         ResultSet rows = select.executeQuery("SELECT " + columns + " FROM " + quote(table.name()));
         PreparedStatement insert = to.prepareStatement("INSERT INTO " + quote(table.name())
             + " (" + columns + ") VALUES (" + marks + ")")) {
      int pending = 0;
      while (rows.next()) {
        for (int i = 0; i < table.columns().size(); i++)
          insert.setObject(i + 1, read(rows, i + 1, table.columns().get(i).type()));
        insert.addBatch();
        copied++;
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) insert.executeBatch();
    }
    return copied;
  }

  /** Moves every serial or identity column's sequence past the largest copied value; returns how many. */
  private static int resetSequences(Connection to, Table table) throws SQLException {
    int reset = 0;
    for (Column column : table.columns()) {
      String sequence;
      try (PreparedStatement find = to.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
        find.setString(1, quote(table.name()));
        find.setString(2, column.name());
        try (ResultSet rows = find.executeQuery()) {
          rows.next();
          sequence = rows.getString(1);
        }
      }
      if (sequence == null) continue;
      try (PreparedStatement set = to.prepareStatement("SELECT setval(?::regclass, COALESCE((SELECT MAX("
          + quote(column.name()) + ") FROM " + quote(table.name()) + "), 0) + 1, false)")) {
        set.setString(1, sequence);
        set.execute();
      }
      reset++;
    }
    return reset;
  }

  private static TableCheck check(Connection from, Connection to, Table table, int sample) throws SQLException {
    long sourceRows = count(from, quote(table.name()));
    long targetRows = count(to, quote(table.name()));
    List<String> mismatches = new ArrayList<>();
    if (sourceRows != targetRows) mismatches.add(sourceRows + " rows in SQLite, " + targetRows + " in PostgreSQL");
    int sampled = 0;
    List<String> match = table.key().isEmpty() ? table.columns().stream().map(Column::name).toList() : table.key();
    // Key columns are never NULL and '=' lets the lookup use the primary key's index.
    String equals = table.key().isEmpty() ? " IS NOT DISTINCT FROM ?" : " = ?";
    String where = String.join(" AND ", match.stream().map(c -> quote(c) + equals).toList());
    try (Statement select = from.createStatement();
         ResultSet rows = select.executeQuery("SELECT " + table.columnList() + " FROM " + quote(table.name())
             + " ORDER BY random() LIMIT " + sample);
         PreparedStatement lookup = to.prepareStatement("SELECT " + table.columnList() + " FROM "
             + quote(table.name()) + " WHERE " + where)) {
      while (rows.next()) {
        sampled++;
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
          Column column = table.columns().get(i);
          expected.put(column.name(), read(rows, i + 1, column.type()));
        }
        for (int i = 0; i < match.size(); i++) lookup.setObject(i + 1, expected.get(match.get(i)));
        String id = describeKey(match, expected);
        try (ResultSet found = lookup.executeQuery()) {
          if (!found.next()) {
            mismatches.add(id + ": missing in PostgreSQL");
            continue;
          }
          for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            Object actual = read(found, i + 1, column.type());
            if (!same(expected.get(column.name()), actual))
              mismatches.add(id + ": " + column.name() + " is " + shown(expected.get(column.name())) + " in SQLite, "
                  + shown(actual) + " in PostgreSQL");
          }
        }
      }
    }
    return new TableCheck(table.name(), sourceRows, targetRows, sampled, mismatches);
  }

  /** Reads a value as the PostgreSQL column's type expects it, the same way on both sides. */
  private static Object read(ResultSet rows, int index, String type) throws SQLException {
    Object value = switch (type) {
      case "bigint", "integer", "smallint" -> rows.getLong(index);
      case "double precision", "real" -> rows.getDouble(index);
      case "numeric" -> rows.getBigDecimal(index);
      case "boolean" -> rows.getBoolean(index);
      case "bytea" -> rows.getBytes(index);
      case "text", "character varying", "character" -> rows.getString(index);
      default -> rows.getObject(index);
    };
    return rows.wasNull() ? null : value;
  }

  private static boolean same(Object expected, Object actual) {
    if (expected instanceof byte[] a && actual instanceof byte[] b) return java.util.Arrays.equals(a, b);
    if (expected instanceof java.math.BigDecimal a && actual instanceof java.math.BigDecimal b) return a.compareTo(b) == 0;
    return java.util.Objects.equals(expected, actual);
  }

  private static String describeKey(List<String> key, Map<String, Object> row) {
    return String.join(", ", key.stream().map(c -> c + "=" + shown(row.get(c))).toList());
  }

  private static String shown(Object value) {
    if (value == null) return "NULL";
    String text = value instanceof byte[] bytes ? bytes.length + " bytes" : value.toString();
    return value instanceof String ? "'" + (text.length() > SHOWN_VALUE_CHARS ? text.substring(0, SHOWN_VALUE_CHARS) + "…" : text) + "'"
        : text;
  }

  private static long count(Connection connection, String from) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + from)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
