package dev.aragora.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One real database per test class (see {@link StoreBackend}), emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreTestBase {
  static final ObjectMapper JSON = new ObjectMapper();
  /** The tenant of rows a test does not care about (tenancy tests name others). */
  static final String TENANT = "default";

  /** A clock the test moves by hand. */
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  final InstantSource clock = () -> now.get();

  StoreBackend backend;
  Database database;

  abstract StoreBackend newBackend();

  @BeforeAll
  void createBackend() {
    backend = newBackend();
  }

  @AfterAll
  void dropBackend() throws Exception {
    backend.close();
  }

  @BeforeEach
  void openEmptyDatabase() throws SQLException {
    database = Database.open(backend.settings());
    try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
      for (String table : new String[] {"ratings", "matches", "rating_history", "predictions"})
        statement.executeUpdate("DELETE FROM " + table);
      statement.executeUpdate("DELETE FROM tenant_usage");
      statement.executeUpdate("DELETE FROM tenants");
      statement.executeUpdate("DELETE FROM memory_entries");
      statement.executeUpdate("DELETE FROM memory_scopes");
      statement.executeUpdate("DELETE FROM debate_events");
      statement.executeUpdate("DELETE FROM debates");
      for (String table : new String[] {"refresh_tokens", "auth_sessions", "api_keys", "users"})
        statement.executeUpdate("DELETE FROM " + table);
    }
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  void advance(Duration step) {
    now.updateAndGet(t -> t.plus(step));
  }
}
