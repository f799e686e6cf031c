package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool and the schema. Opening migrates the schema with Flyway (scripts in
 * {@code classpath:db/migration}, one portable set for SQLite and PostgreSQL).
 *
 * <p>SQLite runs with a pool of exactly one connection. SQLite allows one writer at a time per
 * file; with several pooled connections, concurrent writers would queue inside SQLite on its
 * file lock (busy_timeout) and a read-then-write transaction can fail with SQLITE_BUSY instead of
 * waiting. One connection makes every statement take its turn in the pool, in order, which is
 * correct and, for an embedded database of this size, not the bottleneck. WAL mode still lets
 * Flyway's and external readers' connections read while the pool writes.
 */
public final class Database implements AutoCloseable {
  private static final String MIGRATIONS = "classpath:db/migration";
  private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  private static final long READY_TTL_NANOS = 1_000_000_000L;

  private final DatabaseSettings settings;
  private final HikariDataSource pool;
  private volatile Check lastCheck;

  private Database(DatabaseSettings settings, HikariDataSource pool) {
    this.settings = settings;
    this.pool = pool;
  }

  /** Opens the database, creating the SQLite directory if needed, and applies pending migrations. */
  public static Database open(DatabaseSettings settings) {
    requireNonNull(settings, "settings is null");
    DataSource direct = settings.isPostgres() ? postgres(settings) : sqlite(settings);
    // Flyway gets its own unpooled connections so it never competes with the pool's single SQLite connection.
    Flyway flyway = Flyway.configure()
        .dataSource(direct)
        .locations(MIGRATIONS)
        .failOnMissingLocations(true)
        .load();
    flyway.migrate();
    HikariConfig config = new HikariConfig();
    config.setPoolName(settings.isPostgres() ? "aragora-postgres" : "aragora-sqlite");
    config.setDataSource(direct);
    config.setMaximumPoolSize(settings.isPostgres() ? settings.poolSize() : 1);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.poolTimeout().toMillis());
    return new Database(settings, new HikariDataSource(config));
  }

  private static DataSource sqlite(DatabaseSettings settings) {
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + settings.dataDir(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable in WAL mode except on power loss
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + settings.sqliteFile().toAbsolutePath());
    return source;
  }

  private static DataSource postgres(DatabaseSettings settings) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(settings.postgresUrl());
    if (!settings.user().isEmpty()) source.setUser(settings.user());
    if (!settings.password().isEmpty()) source.setPassword(settings.password());
    return source;
  }

  public DataSource dataSource() {
    return pool;
  }

  public boolean isPostgres() {
    return settings.isPostgres();
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * Readiness: the pool answers {@code SELECT 1} (the schema was migrated when this opened). The
   * answer is reused for a second, so that probes and health scrapes under load cost the database
   * one query a second rather than one each.
   */
  public boolean isReady() {
    if (pool.isClosed()) return false;
    long now = System.nanoTime();
    Check last = lastCheck;
    if (last != null && now - last.at() < READY_TTL_NANOS) return last.ok();
    boolean ok;
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(5);
      statement.execute("SELECT 1");
      ok = true;
    } catch (SQLException | RuntimeException e) {
      ok = false;
    }
    lastCheck = new Check(now, ok);
    return ok;
  }

  private record Check(long at, boolean ok) {}

  /** Borrows a connection; callers close it. */
  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }
}
