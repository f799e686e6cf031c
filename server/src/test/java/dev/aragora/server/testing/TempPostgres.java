package dev.aragora.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database {@code aragora_test_<hex>} on 127.0.0.1:5432 (user postgres, trust
 * auth) for one test, dropped on close, so that concurrent runs never share one.
 */
public final class TempPostgres implements AutoCloseable {
  public static final int PORT = 5432;
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

  private final String name;

  private TempPostgres(String name) {
    this.name = name;
  }

  public static TempPostgres create() {
    String name = "aragora_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    admin("CREATE DATABASE " + name);
    return new TempPostgres(name);
  }

  public String name() {
    return name;
  }

  /** In the form DATABASE_URL takes. */
  public String url() {
    return url(PORT);
  }

  /**
   * {@link #url()} with a password in it: the server's trust authentication accepts any, so tests
   * use one to show it never appears in output, logs or errors.
   */
  public String urlWithPassword(String password) {
    return "postgresql://postgres:" + password + "@127.0.0.1:" + PORT + "/" + name;
  }

  /** The same database at another local port (a {@link TcpProxy} in front of it). */
  public String url(int port) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
  }

  /** Runs SQL in this database, as the superuser. */
  public void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl());
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL " + name + ": " + sql, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:5432/" + name + "?user=postgres";
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
    try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432: " + sql, e);
    }
  }
}
