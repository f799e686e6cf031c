package dev.aragora.server.cli;

import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.Migrations;
import dev.aragora.server.store.StoreException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aragora migrate [--verify]}: applies the schema's pending migrations to the configured
 * database, or with {@code --verify} only checks it (for a Kubernetes migration Job and its status
 * check). Exit 0 done or up to date, 1 failed or not up to date, 2 bad settings.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Apply the database schema's pending migrations to DATABASE_URL (or ARAGORA_POSTGRES_DSN), "
        + "else to the SQLite file in ARAGORA_DATA_DIR.",
        "With --verify nothing is changed: exit 0 when the schema is up to date and valid, else 1 with what is "
            + "pending or failed.",
        "Exit status: 0 done (or up to date), 1 failed (or not up to date), 2 bad settings."})
final class MigrateCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Spec
  CommandSpec spec;

  @Option(names = "--verify", description = "Check only: Flyway validation passes and no migration is pending.")
  boolean verify;

  MigrateCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DatabaseSettings settings = DatabaseSettings.fromEnv(env);
    out.println("database: " + settings.describe());
    try {
      return verify ? verify(settings, out, err) : migrate(settings, out);
    } catch (StoreException e) {
      err.println("aragora migrate: " + settings.redact(e.getMessage()));
      return 1;
    }
  }

  private static int migrate(DatabaseSettings settings, PrintWriter out) {
    Migrations.Applied applied = Migrations.of(settings).migrate();
    for (Migrations.Step step : applied.steps()) out.println("applied " + step);
    String from = applied.fromVersion().isEmpty() ? "an empty database" : "version " + applied.fromVersion();
    if (applied.steps().isEmpty()) out.println("schema up to date at version " + applied.toVersion() + "; nothing to apply");
    else out.println("schema at version " + applied.toVersion() + " (from " + from + "; " + applied.steps().size()
        + (applied.steps().size() == 1 ? " migration" : " migrations") + " applied)");
    return 0;
  }

  private static int verify(DatabaseSettings settings, PrintWriter out, PrintWriter err) {
    Migrations.Status status = Migrations.of(settings).status();
    for (Migrations.Step step : status.ahead())
      out.println("note: " + step + " was applied by a newer version of aragora");
    if (status.isCurrent()) {
      out.println("schema up to date at version " + status.version() + "; applied migrations are valid");
      return 0;
    }
    err.println("schema not up to date (" + (status.version().isEmpty() ? "no schema yet" : "at version " + status.version()) + "):");
    for (Migrations.Step step : status.pending()) err.println("  pending " + step);
    for (Migrations.Step step : status.failed()) err.println("  failed  " + step);
    for (String problem : status.problems()) err.println("  invalid " + problem);
    err.println("run 'aragora migrate' to apply pending migrations");
    return 1;
  }
}
