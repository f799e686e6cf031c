package dev.aragora.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, empty PostgreSQL database {@code aragora_test_<hex>} on 127.0.0.1:5432 (user postgres,
 * trust auth), dropped on close, so concurrent test runs never share one.
 */
public final class PostgresDatabase implements AutoCloseable {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5432;
  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  public static PostgresDatabase create() {
    String name = "aragora_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    admin("CREATE DATABASE " + name);
    return new PostgresDatabase(name);
  }

  public String name() {
    return name;
  }

  /** {@code postgresql://postgres@127.0.0.1:5432/<name>}. */
  public String url() {
    return url(PORT);
  }

  /** The same database at another port (a proxy in front of it). */
  public String url(int port) {
    return "postgresql://postgres@" + HOST + ":" + port + "/" + name;
  }

  /** Runs SQL in this database, as the superuser. */
  public void execute(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name,
        "postgres", ""); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL " + name + ": " + sql, e);
    }
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  @Override
  public String toString() {
    return "PostgreSQL " + name;
  }

  private static void admin(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
        "postgres", ""); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on " + HOST + ":" + PORT + ": " + sql, e);
    }
  }
}
