package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

abstract class StoreDatabaseContract extends StoreTestBase {
  @Test
  void migrationsApplyOnceAndOpeningAgainChangesNothing() throws Exception {
    try (Database second = Database.open(backend.settings())) {
      assertThat(second.isReady()).isTrue();
      try (Connection connection = second.connection(); Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = "
               + (second.isPostgres() ? "TRUE" : "1"))) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(migrationScripts());
      }
    }
    assertThat(database.isReady()).isTrue();
  }

  /** How many V*.sql scripts the build ships (each is applied exactly once). */
  private static int migrationScripts() throws Exception {
    Path dir = Path.of(Database.class.getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
    }
  }

  @Test
  void isNotReadyOnceClosed() {
    Database other = Database.open(backend.settings());
    other.close();

    assertThat(other.isReady()).isFalse();
  }

  @Test
  void debatesAndEventsSurviveClosingAndReopeningTheDatabase() {
    new DebateRepository(database, JSON, clock).create(TENANT, "d-1", StoreFixtures.request("Survive?"), Map.of("k", "v"));
    new EventLog(database, JSON).append(StoreFixtures.event("d-1", 1, "x"));
    database.close();

    database = Database.open(backend.settings());

    assertThat(new DebateRepository(database, JSON, clock).find("d-1")).hasValueSatisfying(d -> {
      assertThat(d.task()).isEqualTo("Survive?");
      assertThat(d.metadataJson()).isEqualTo("{\"k\":\"v\"}");
    });
    assertThat(new EventLog(database, JSON).lastSeq("d-1")).isEqualTo(1);
  }
}
