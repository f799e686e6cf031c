package dev.aragora.server.store;

import dev.aragora.server.testing.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real database for one test class: a SQLite file in a temporary directory, or a fresh
 * PostgreSQL database (see {@link PostgresDatabase}), dropped afterwards.
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
    PostgresDatabase database = PostgresDatabase.create();
    return new StoreBackend() {
      @Override
      DatabaseSettings settings() {
        return DatabaseSettings.postgres(database.url());
      }

      @Override
      public void close() {
        database.close();
      }

      @Override
      public String toString() {
        return database.toString();
      }
    };
  }
}
