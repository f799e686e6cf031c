package dev.aragora.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A real database for one test class: a SQLite file in a temporary directory, or a fresh
 * PostgreSQL database {@code aragora_test_<hex>} on 127.0.0.1:5432 (user postgres, trust auth),
 * dropped afterwards so concurrent runs never share one.
 */
abstract class StoreBackend implements AutoCloseable {
  abstract DatabaseSettings settings();

  static StoreBackend sqlite() {
    try {
      Path dir = Files.createTempDirectory("aragora-store-test");
      return new StoreBackend() {
        @Override
        DatabaseSettings settings() {
          return DatabaseSettings.sqlite(dir.resolve("data"));
        }

        @Override
        public void close() throws IOException {
          try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
          }
        }

        @Override
        public String toString() {
          return "SQLite";
        }
      };
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static StoreBackend postgres() {
    String name = "aragora_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    admin("CREATE DATABASE " + name);
    return new StoreBackend() {
      @Override
      DatabaseSettings settings() {
        return DatabaseSettings.postgres("postgresql://postgres@127.0.0.1:5432/" + name);
      }

      @Override
      public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }

      @Override
      public String toString() {
        return "PostgreSQL " + name;
      }
    };
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
