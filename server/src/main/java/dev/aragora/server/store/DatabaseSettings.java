package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the database is. Without a PostgreSQL URL the store is an embedded SQLite file,
 * {@code <dataDir>/aragora.db}.
 *
 * @param dataDir directory of the SQLite file (ARAGORA_DATA_DIR, default ./data)
 * @param postgresUrl JDBC URL of a PostgreSQL database, or empty for SQLite
 * @param user PostgreSQL user, or empty (from the URL or the driver's default)
 * @param password PostgreSQL password, or empty
 * @param poolSize PostgreSQL pool size (ARAGORA_DB_POOL_SIZE, default 10); SQLite always uses 1
 * @param poolTimeout how long to wait for a pooled connection (ARAGORA_DB_POOL_TIMEOUT seconds, default 30)
 */
public record DatabaseSettings(Path dataDir, String postgresUrl, String user, String password, int poolSize,
                               Duration poolTimeout) {
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);

  public DatabaseSettings {
    requireNonNull(dataDir, "dataDir is null");
    postgresUrl = postgresUrl == null ? "" : postgresUrl;
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (poolSize < 1) throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
    requireNonNull(poolTimeout, "poolTimeout is null");
    if (poolTimeout.isNegative() || poolTimeout.isZero()) throw new IllegalArgumentException("pool timeout must be positive");
  }

  public static DatabaseSettings sqlite(Path dataDir) {
    return new DatabaseSettings(dataDir, "", "", "", 1, DEFAULT_POOL_TIMEOUT);
  }

  /** PostgreSQL at {@code dsn}: {@code postgresql://user:pass@host:port/db} or {@code jdbc:postgresql://…}. */
  public static DatabaseSettings postgres(String dsn) {
    return withDsn(Path.of("data"), dsn, DEFAULT_POOL_SIZE, DEFAULT_POOL_TIMEOUT);
  }

  /** From DATABASE_URL / ARAGORA_POSTGRES_DSN, ARAGORA_DATA_DIR, ARAGORA_DB_POOL_SIZE, ARAGORA_DB_POOL_TIMEOUT. */
  public static DatabaseSettings fromEnv(Map<String, String> env) {
    Path dataDir = Path.of(blankTo(env.get("ARAGORA_DATA_DIR"), "./data"));
    int poolSize = Integer.parseInt(blankTo(env.get("ARAGORA_DB_POOL_SIZE"), String.valueOf(DEFAULT_POOL_SIZE)).strip());
    Duration timeout = Duration.ofSeconds(Long.parseLong(
        blankTo(env.get("ARAGORA_DB_POOL_TIMEOUT"), String.valueOf(DEFAULT_POOL_TIMEOUT.toSeconds())).strip()));
    String dsn = blankTo(env.get("DATABASE_URL"), blankTo(env.get("ARAGORA_POSTGRES_DSN"), ""));
    return dsn.isBlank() ? new DatabaseSettings(dataDir, "", "", "", 1, timeout) : withDsn(dataDir, dsn, poolSize, timeout);
  }

  public boolean isPostgres() {
    return !postgresUrl.isEmpty();
  }

  public Path sqliteFile() {
    return dataDir.resolve("aragora.db");
  }

  private static DatabaseSettings withDsn(Path dataDir, String dsn, int poolSize, Duration timeout) {
    String text = dsn.strip();
    if (text.startsWith("jdbc:postgresql:")) return new DatabaseSettings(dataDir, text, "", "", poolSize, timeout);
    if (!text.startsWith("postgresql://") && !text.startsWith("postgres://"))
      throw new IllegalArgumentException("not a PostgreSQL URL (expected postgresql://… or jdbc:postgresql://…)");
    URI uri = URI.create(text);
    String user = "";
    String password = "";
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? "" : decode(info.substring(colon + 1));
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new DatabaseSettings(dataDir, "jdbc:postgresql://" + host + port + path + query, user, password,
        poolSize, timeout);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + (isPostgres() ? postgresUrl + " user=" + user + " pool=" + poolSize
        : "sqlite " + sqliteFile()) + "]";
  }
}
