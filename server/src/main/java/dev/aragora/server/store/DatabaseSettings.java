package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the database is. Without a PostgreSQL URL the store is an embedded SQLite file,
 * {@code <dataDir>/aragora.db}.
 *
 * <p>The pool follows the seed's SQLAlchemy-style settings on HikariCP, which has no overflow:
 * {@code poolSize} connections are kept open (Hikari's minimumIdle) and up to {@code maxOverflow}
 * more are opened under load (maximumPoolSize = size + overflow); those extra connections close
 * again after Hikari's idle timeout (10 minutes) rather than on return as in SQLAlchemy.
 *
 * @param dataDir directory of the SQLite file (ARAGORA_DATA_DIR, default ./data)
 * @param postgresUrl JDBC URL of a PostgreSQL database, or empty for SQLite
 * @param user PostgreSQL user, or empty (from the URL or the driver's default)
 * @param password PostgreSQL password, or empty; never printed
 * @param poolSize connections kept open (ARAGORA_DB_POOL_SIZE, default 10); SQLite always uses one
 * @param maxOverflow connections opened beyond poolSize under load (ARAGORA_DB_POOL_MAX_OVERFLOW, default 10);
 *     ignored by SQLite
 * @param poolTimeout how long a request waits for a pooled connection while the database answers
 *     (ARAGORA_DB_POOL_TIMEOUT seconds, default 30); while it is known to be down, requests fail at once
 * @param migrateOnStart whether opening applies pending migrations (ARAGORA_DB_MIGRATE_ON_START,
 *     default true); when false, opening refuses a schema that is not up to date
 * @param defaultTenant ARAGORA_DEFAULT_TENANT (default): the tenant the migrations give rows stored
 *     before tenancy existed (Flyway placeholder {@code default_tenant})
 */
public record DatabaseSettings(Path dataDir, String postgresUrl, String user, String password, int poolSize,
                               int maxOverflow, Duration poolTimeout, boolean migrateOnStart, String defaultTenant) {
  public static final int DEFAULT_POOL_SIZE = 10;
  /** The seed's production example (seeds/002) sets 10; SQLAlchemy's own default is 10 too. */
  public static final int DEFAULT_MAX_OVERFLOW = 10;
  public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_TENANT = "default";
  static final int MAX_POOL = 1000;

  /** libpq's spellings of parameters whose pgjdbc name differs; other query parameters pass through as given. */
  private static final Map<String, String> LIBPQ_NAMES = Map.of(
      "connect_timeout", "connectTimeout",
      "application_name", "ApplicationName");
  private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*:)[^/@?#]*@");

  public DatabaseSettings {
    requireNonNull(dataDir, "dataDir is null");
    postgresUrl = postgresUrl == null ? "" : postgresUrl;
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    if (poolSize < 1 || poolSize > MAX_POOL)
      throw new IllegalArgumentException("pool size must be from 1 to " + MAX_POOL + ", got " + poolSize);
    if (maxOverflow < 0 || maxOverflow > MAX_POOL)
      throw new IllegalArgumentException("pool overflow must be from 0 to " + MAX_POOL + ", got " + maxOverflow);
    requireNonNull(poolTimeout, "poolTimeout is null");
    if (poolTimeout.isNegative() || poolTimeout.isZero()) throw new IllegalArgumentException("pool timeout must be positive");
    requireNonNull(defaultTenant, "defaultTenant is null");
    if (!defaultTenant.matches("[a-z0-9][a-z0-9_-]{0,63}"))
      throw new IllegalArgumentException("ARAGORA_DEFAULT_TENANT must be 1 to 64 lower-case letters, digits, '-' or '_'"
          + " (starting with a letter or digit), got '" + defaultTenant + "'");
  }

  public static DatabaseSettings sqlite(Path dataDir) {
    return new DatabaseSettings(dataDir, "", "", "", DEFAULT_POOL_SIZE, DEFAULT_MAX_OVERFLOW, DEFAULT_POOL_TIMEOUT, true,
        DEFAULT_TENANT);
  }

  /** PostgreSQL at {@code dsn}: {@code postgresql://user:pass@host:port/db?params} or {@code jdbc:postgresql://…}. */
  public static DatabaseSettings postgres(String dsn) {
    return sqlite(Path.of("data")).withPostgres("the PostgreSQL URL", dsn);
  }

  /**
   * From DATABASE_URL (else ARAGORA_POSTGRES_DSN), ARAGORA_DATA_DIR, ARAGORA_DB_POOL_SIZE,
   * ARAGORA_DB_POOL_MAX_OVERFLOW, ARAGORA_DB_POOL_TIMEOUT, ARAGORA_DB_MIGRATE_ON_START and
   * ARAGORA_DEFAULT_TENANT. Errors
   * name the variable, never a URL's value (it may hold a password).
   */
  public static DatabaseSettings fromEnv(Map<String, String> env) {
    Path dataDir = Path.of(text(env, "ARAGORA_DATA_DIR", "./data"));
    int poolSize = integer(env, "ARAGORA_DB_POOL_SIZE", DEFAULT_POOL_SIZE, 1, MAX_POOL);
    int overflow = integer(env, "ARAGORA_DB_POOL_MAX_OVERFLOW", DEFAULT_MAX_OVERFLOW, 0, MAX_POOL);
    Duration timeout = Duration.ofSeconds(integer(env, "ARAGORA_DB_POOL_TIMEOUT",
        (int) DEFAULT_POOL_TIMEOUT.toSeconds(), 1, 3600));
    boolean migrate = bool(env, "ARAGORA_DB_MIGRATE_ON_START", true);
    DatabaseSettings settings = new DatabaseSettings(dataDir, "", "", "", poolSize, overflow, timeout, migrate,
        text(env, "ARAGORA_DEFAULT_TENANT", DEFAULT_TENANT));
    String variable = !text(env, "DATABASE_URL", "").isEmpty() ? "DATABASE_URL" : "ARAGORA_POSTGRES_DSN";
    String dsn = text(env, variable, "");
    return dsn.isEmpty() ? settings : settings.withPostgres(variable, dsn);
  }

  /**
   * These settings with PostgreSQL at {@code dsn}; {@code source} names where the URL came from in
   * errors (a variable or an option), which never repeat the URL.
   */
  public DatabaseSettings withPostgres(String source, String dsn) {
    requireNonNull(source, "source is null");
    if (dsn == null || dsn.isBlank()) throw new IllegalArgumentException(source + " is empty");
    return withDsn(source, dsn.strip(), dataDir, poolSize, maxOverflow, poolTimeout, migrateOnStart, defaultTenant);
  }

  /** These settings with ARAGORA_DB_MIGRATE_ON_START set to {@code value}. */
  public DatabaseSettings withMigrateOnStart(boolean value) {
    return new DatabaseSettings(dataDir, postgresUrl, user, password, poolSize, maxOverflow, poolTimeout, value,
        defaultTenant);
  }

  /** These settings with ARAGORA_DEFAULT_TENANT set to {@code value}. */
  public DatabaseSettings withDefaultTenant(String value) {
    return new DatabaseSettings(dataDir, postgresUrl, user, password, poolSize, maxOverflow, poolTimeout, migrateOnStart,
        value);
  }

  public boolean isPostgres() {
    return !postgresUrl.isEmpty();
  }

  public Path sqliteFile() {
    return dataDir.resolve("aragora.db");
  }

  /** The most connections the pool opens: size plus overflow on PostgreSQL, one on SQLite. */
  public int maxConnections() {
    return isPostgres() ? poolSize + maxOverflow : 1;
  }

  /** The database for people and logs: the JDBC URL with any password masked, and the user. */
  public String describe() {
    return isPostgres() ? "PostgreSQL " + redact(postgresUrl) + (user.isEmpty() ? "" : " (user " + user + ")")
        : "SQLite " + sqliteFile();
  }

  /** {@code text} with this database's password, and any password in a URL, masked: for messages and logs. */
  public String redact(String text) {
    if (text == null) return "";
    String masked = text;
    if (!password.isEmpty()) masked = masked.replace(password, "***");
    // A jdbc: URL may carry the password as a parameter: mask its value wherever it appears.
    var inUrl = PASSWORD_PARAM.matcher(postgresUrl);
    while (inUrl.find()) {
      String value = postgresUrl.substring(inUrl.end(1), inUrl.end());
      if (value.isEmpty()) continue;
      masked = masked.replace(value, "***");
      String decoded = URLDecoder.decode(value.replace("+", "%2B").replaceAll("%(?![0-9A-Fa-f]{2})", "%25"),
          StandardCharsets.UTF_8);
      if (!decoded.isEmpty()) masked = masked.replace(decoded, "***");
    }
    masked = PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
    return USER_INFO.matcher(masked).replaceAll("$1***@");
  }

  private static DatabaseSettings withDsn(String source, String dsn, Path dataDir, int poolSize, int overflow,
                                          Duration timeout, boolean migrate, String defaultTenant) {
    if (dsn.startsWith("jdbc:postgresql:"))
      return new DatabaseSettings(dataDir, dsn, "", "", poolSize, overflow, timeout, migrate, defaultTenant);
    int scheme = dsn.startsWith("postgresql://") ? "postgresql://".length()
        : dsn.startsWith("postgres://") ? "postgres://".length() : -1;
    if (scheme < 0)
      throw new IllegalArgumentException(source + " is not a PostgreSQL URL (expected postgresql://… or jdbc:postgresql://…)");
    String rest = dsn.substring(scheme);
    int authorityEnd = indexOfAny(rest, "/?#");
    String authority = rest.substring(0, authorityEnd);
    String tail = rest.substring(authorityEnd);
    int fragment = tail.indexOf('#');
    if (fragment >= 0) tail = tail.substring(0, fragment);
    int question = tail.indexOf('?');
    String path = question < 0 ? tail : tail.substring(0, question);
    String rawQuery = question < 0 ? "" : tail.substring(question + 1);
    // The last '@' ends the user info, so that an unencoded '@' in a password still parses.
    int at = authority.lastIndexOf('@');
    String user = "";
    String password = "";
    if (at >= 0) {
      String info = authority.substring(0, at);
      int colon = info.indexOf(':');
      user = decode(source, colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? "" : decode(source, info.substring(colon + 1));
    }
    String hosts = authority.substring(at + 1);
    for (String host : hosts.split(",", -1)) checkHost(source, host);
    if (path.length() > 1 && (path.indexOf('/', 1) >= 0 || !path.substring(1).matches("[A-Za-z0-9_.$%-]+")))
      throw new IllegalArgumentException(source + " has an invalid database name; expected …/database");
    return new DatabaseSettings(dataDir, "jdbc:postgresql://" + hosts + path + query(rawQuery), user, password,
        poolSize, overflow, timeout, migrate, defaultTenant);
  }

  /** host, host:port or [ipv6]:port; pgjdbc takes a comma-separated list of them. */
  private static void checkHost(String source, String hostPort) {
    String host = hostPort;
    String port = "";
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) throw new IllegalArgumentException(source + " has an unclosed [ in its host");
      host = hostPort.substring(1, close);
      String after = hostPort.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) throw new IllegalArgumentException(source + " has an invalid host");
      port = after.isEmpty() ? "" : after.substring(1);
      if (!host.matches("[0-9A-Fa-f:.%a-z]+")) throw new IllegalArgumentException(source + " has an invalid IPv6 host");
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
      if (host.isEmpty())
        throw new IllegalArgumentException(source + " has no host name (expected postgresql://user:password@host:5432/database)");
      if (!host.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException(source + " has an invalid host name");
    }
    if (port.isEmpty()) return;
    if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535)
      throw new IllegalArgumentException(source + " has an invalid port (expected 1 to 65535)");
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) if (chars.indexOf(text.charAt(i)) >= 0) return i;
    return text.length();
  }

  /** The query string for pgjdbc: every parameter as given, with libpq's names translated. */
  private static String query(String raw) {
    if (raw == null || raw.isEmpty()) return "";
    List<String> params = new ArrayList<>();
    for (String param : raw.split("&")) {
      if (param.isEmpty()) continue;
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      String renamed = LIBPQ_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
      params.add(renamed + (eq < 0 ? "" : param.substring(eq)));
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private static String decode(String source, String text) {
    try {
      // In a URL's user info '+' is itself, not the space of form encoding.
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the text: the password.
      throw new IllegalArgumentException(source + " has an invalid percent-escape in its user or password");
    }
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
    String value = text(env, name, "");
    if (value.isEmpty()) return fallback;
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = text(env, name, "").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "" -> fallback;
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    };
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + describe() + (isPostgres() ? " pool=" + poolSize + "+" + maxOverflow : "") + "]";
  }
}
