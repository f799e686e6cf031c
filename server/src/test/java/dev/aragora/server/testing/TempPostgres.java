package dev.aragora.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** A fresh database {@code aragora_test_<hex>} on the machine's PostgreSQL (127.0.0.1:5432, user postgres), dropped at the end. */
public final class TempPostgres implements AutoCloseable {
  private final String name = "aragora_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

  public TempPostgres() {
    admin("CREATE DATABASE " + name);
  }

  /** The DATABASE_URL of the database. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:5432/" + name;
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432: " + sql, e);
    }
  }
}
