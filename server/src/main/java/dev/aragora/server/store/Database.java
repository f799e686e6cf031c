package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool and the schema. Opening migrates the schema with Flyway (see {@link Migrations};
 * with ARAGORA_DB_MIGRATE_ON_START=false it only checks that nothing is pending).
 *
 * <p>SQLite runs with a pool of exactly one connection. SQLite allows one writer at a time per
 * file; with several pooled connections, concurrent writers would queue inside SQLite on its
 * file lock (busy_timeout) and a read-then-write transaction can fail with SQLITE_BUSY instead of
 * waiting. One connection makes every statement take its turn in the pool, in order, which is
 * correct and, for an embedded database of this size, not the bottleneck. WAL mode still lets
 * Flyway's and external readers' connections read while the pool writes.
 *
 * <p>Outages: a failure to open a connection marks the database down (see {@link Availability}), and
 * from then on {@link #connection()} throws {@link DatabaseUnavailableException} at once until a
 * probe connects again; the pool itself is kept and refills when the database is back.
 */
public final class Database implements AutoCloseable {
  private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;
  /**
   * Used instead of pgjdbc's defaults (10 s to connect, no limit on the login) unless the URL sets
   * its own, so that a database that stopped answering is found out sooner.
   */
  private static final int PG_CONNECT_TIMEOUT_SECONDS = 5;
  private static final int PG_LOGIN_TIMEOUT_SECONDS = 10;
  /**
   * How long the server's own connections wait for an answer to a query before giving the
   * connection up (pgjdbc's default: forever). A database that stops answering without closing
   * its connections (a partition, a frozen host) would otherwise hold every request and debate
   * that touched it until TCP keepalive notices, hours later. Migrations and copies connect
   * without it: an index build on a large table may take longer.
   */
  private static final int PG_SOCKET_TIMEOUT_SECONDS = 60;
  /**
   * A borrower waits for the pool in slices of this length, checking between them whether the
   * database was found unreachable meanwhile, up to ARAGORA_DB_POOL_TIMEOUT in all. HikariCP
   * requires its validation timeout to be no longer than its acquisition timeout, so it is this too.
   */
  private static final long BORROW_SLICE_MS = 500;

  private static final long READY_TTL_NANOS = 1_000_000_000L;

  private final DatabaseSettings settings;
  private final HikariDataSource pool;
  private final Availability availability;
  private volatile Check lastCheck;

  private Database(DatabaseSettings settings, HikariDataSource pool, Availability availability) {
    this.settings = settings;
    this.pool = pool;
    this.availability = availability;
  }

  /**
   * Opens the database, creating the SQLite directory if needed, and applies pending migrations;
   * with {@code migrateOnStart} off, refuses (StoreException) a schema that is not up to date.
   */
  public static Database open(DatabaseSettings settings) {
    requireNonNull(settings, "settings is null");
    if (!settings.isPostgres()) createDataDir(settings);
    DataSource direct = unpooled(settings);
    // Flyway gets its own unpooled connections so it never competes with the pool's single SQLite connection.
    Migrations migrations = new Migrations(settings, direct);
    if (settings.migrateOnStart()) {
      migrations.migrate();
    } else {
      Migrations.Status status = migrations.status();
      if (!status.isCurrent())
        throw new StoreException("the database schema is not up to date (" + status.summary()
            + "); ARAGORA_DB_MIGRATE_ON_START is false, so apply the migrations first: aragora migrate");
    }
    DataSource served = settings.isPostgres() ? postgres(settings, PG_SOCKET_TIMEOUT_SECONDS) : direct;
    Availability availability = new Availability(served, settings.describe(), settings::redact);
    HikariConfig config = new HikariConfig();
    config.setPoolName(settings.isPostgres() ? "aragora-postgres" : "aragora-sqlite");
    config.setDataSource(new WatchedDataSource(served, availability));
    config.setMaximumPoolSize(settings.maxConnections());
    config.setMinimumIdle(settings.isPostgres() ? settings.poolSize() : 1);
    config.setConnectionTimeout(BORROW_SLICE_MS);
    config.setValidationTimeout(BORROW_SLICE_MS);
    try {
      HikariDataSource pool = new HikariDataSource(config);
      // Idle connections did not survive the outage either: close them now, so that none is lent out
      // after it (HikariCP skips validating a connection used in the last 500 ms).
      availability.onDown(() -> pool.getHikariPoolMXBean().softEvictConnections());
      return new Database(settings, pool, availability);
    } catch (RuntimeException e) {
      availability.close();
      throw new StoreException("cannot open the connection pool for " + settings.describe() + ": "
          + settings.redact(e.getMessage()), e);
    }
  }

  static void createDataDir(DatabaseSettings settings) {
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + settings.dataDir(), e);
    }
  }

  /** Plain connections to the database, one per call (Flyway, the outage probe and the pool's source). */
  static DataSource unpooled(DatabaseSettings settings) {
    return settings.isPostgres() ? postgres(settings, 0) : sqlite(settings);
  }

  private static DataSource sqlite(DatabaseSettings settings) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable in WAL mode except on power loss
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + settings.sqliteFile().toAbsolutePath());
    return source;
  }

  /**
   * Every parameter of the URL reaches pgjdbc as given (sslmode, sslrootcert, options, …);
   * {@code socketTimeoutSeconds} (0: none) applies unless the URL sets socketTimeout itself.
   */
  static PGSimpleDataSource postgres(DatabaseSettings settings, int socketTimeoutSeconds) {
    Properties given = org.postgresql.Driver.parseURL(settings.postgresUrl(), null);
    if (given == null)
      throw new IllegalArgumentException("not a valid PostgreSQL JDBC URL: " + settings.redact(settings.postgresUrl()));
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(settings.postgresUrl());
    if (!settings.user().isEmpty()) source.setUser(settings.user());
    if (!settings.password().isEmpty()) source.setPassword(settings.password());
    if (!given.containsKey("connectTimeout")) source.setConnectTimeout(PG_CONNECT_TIMEOUT_SECONDS);
    if (!given.containsKey("loginTimeout")) source.setLoginTimeout(PG_LOGIN_TIMEOUT_SECONDS);
    if (!given.containsKey("socketTimeout") && socketTimeoutSeconds > 0) source.setSocketTimeout(socketTimeoutSeconds);
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
   * one query a second rather than one each; while the database is known to be unreachable the
   * answer is false at once.
   */
  public boolean isReady() {
    if (pool.isClosed() || availability.isDown()) return false;
    long now = System.nanoTime();
    Check last = lastCheck;
    if (last != null && now - last.at() < READY_TTL_NANOS) return last.ok();
    boolean ok;
    try (Connection connection = connection(); Statement statement = connection.createStatement()) {
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

  /** False while the database is known to be unreachable (a connection failed to open and none has since). */
  public boolean isAvailable() {
    return !availability.isDown();
  }

  /**
   * Borrows a connection; callers close it. Throws {@link DatabaseUnavailableException} at once while
   * the database is known to be unreachable, and HikariCP's SQLTransientConnectionException when
   * no connection came free within ARAGORA_DB_POOL_TIMEOUT.
   */
  Connection connection() throws SQLException {
    long deadline = System.nanoTime() + settings.poolTimeout().toNanos();
    while (true) {
      availability.failIfDown();
      try {
        return pool.getConnection();
      } catch (SQLTransientConnectionException e) {
        if (pool.isClosed() || System.nanoTime() - deadline >= 0) throw e;
      }
    }
  }

  @Override
  public void close() {
    availability.close();
    pool.close();
  }
}
