package dev.aragora.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.server.testing.MigrationScripts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationsPostgresTest extends MigrationsContract {
  @Override
  StoreBackend newBackend() {
    return StoreBackend.postgres();
  }

  /** Several instances starting together on a fresh database: Flyway's advisory lock lets one migrate at a time. */
  @Test
  void threeInstancesOpeningAFreshDatabaseAtOnceApplyEachScriptOnce() throws Exception {
    int instances = 3;
    CyclicBarrier start = new CyclicBarrier(instances);
    List<Database> opened = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(instances)) {
      List<Future<Database>> opening = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        opening.add(threads.submit((Callable<Database>) () -> {
          start.await(10, TimeUnit.SECONDS);
          return Database.open(backend.settings());
        }));
      }
      for (Future<Database> database : opening) {
        try {
          opened.add(database.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
    }
    try {
      assertThat(failures).isEmpty();
      assertThat(opened).hasSize(instances).allMatch(Database::isReady);
      try (Connection connection = opened.getFirst().connection(); Statement statement = connection.createStatement();
           ResultSet rows = statement.executeQuery("SELECT version, COUNT(*) FROM flyway_schema_history "
               + "WHERE version IS NOT NULL GROUP BY version ORDER BY version")) {
        List<String> applied = new ArrayList<>();
        while (rows.next()) applied.add("V" + rows.getString(1) + " x" + rows.getInt(2));
        assertThat(applied).containsExactlyElementsOf(
            MigrationScripts.names().stream().map(n -> n.substring(0, n.indexOf(' ')) + " x1").toList());
      }
      assertThat(Migrations.of(backend.settings()).status().isCurrent()).isTrue();
    } finally {
      opened.forEach(Database::close);
    }
  }
}
