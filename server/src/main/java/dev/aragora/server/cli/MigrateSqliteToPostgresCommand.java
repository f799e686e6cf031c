package dev.aragora.server.cli;

import dev.aragora.server.store.DatabaseSettings;
import dev.aragora.server.store.Migrations;
import dev.aragora.server.store.SqliteToPostgres;
import dev.aragora.server.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aragora migrate-sqlite-to-postgres}: copies a SQLite data directory's database into
 * PostgreSQL in one transaction and compares the two (see {@link SqliteToPostgres}). Exit 0 copied
 * and equal, 1 refused, failed or different, 2 bad options.
 */
@Command(name = "migrate-sqlite-to-postgres", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copy every table of the SQLite database in a data directory into PostgreSQL, in one transaction, "
        + "then compare: row counts per table, and sampled rows column by column.",
        "The PostgreSQL schema is migrated first. A target that already holds data is refused unless --force. "
            + "Stop the server using the data directory first: writes after the copy starts are not copied.",
        "Exit status: 0 copied and equal, 1 refused, failed or different, 2 bad options."})
final class MigrateSqliteToPostgresCommand implements Callable<Integer> {
  private static final int SHOWN_MISMATCHES = 20;
  private final Map<String, String> env;

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "The SQLite data directory (default: ARAGORA_DATA_DIR, else ./data).")
  Path dataDir;

  @Option(names = "--to", paramLabel = "DSN",
      description = "The PostgreSQL URL (default: DATABASE_URL, else ARAGORA_POSTGRES_DSN). Prefer the variable: "
          + "an option's value, password included, is visible to other users of the machine.")
  String to;

  @Option(names = "--force", description = "Replace whatever the PostgreSQL tables hold.")
  boolean force;

  @Option(names = "--sample", paramLabel = "N", description = "Rows per table compared column by column (default: ${DEFAULT-VALUE}).")
  int sample = 100;

  @Option(names = "--verify-only", description = "Copy nothing; only compare an earlier copy.")
  boolean verifyOnly;

  MigrateSqliteToPostgresCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (sample < 0) throw new IllegalArgumentException("--sample must not be negative");
    DatabaseSettings settings = DatabaseSettings.fromEnv(env);
    DatabaseSettings source = DatabaseSettings.sqlite(dataDir != null ? dataDir : settings.dataDir());
    DatabaseSettings target;
    if (to != null) target = settings.withPostgres("--to", to);
    else if (settings.isPostgres()) target = settings;
    else throw new IllegalArgumentException("no PostgreSQL target: pass --to DSN or set DATABASE_URL");
    out.println("from: " + source.describe());
    out.println("to:   " + target.describe());
    SqliteToPostgres copier = new SqliteToPostgres(source, target);
    try {
      if (!verifyOnly) {
        Migrations.Applied applied = copier.prepare();
        for (Migrations.Step step : applied.steps()) out.println("applied " + step + " to PostgreSQL");
        SqliteToPostgres.Copy copy = copier.copy(force);
        long rows = copy.rows().values().stream().mapToLong(Long::longValue).sum();
        out.println("copied " + rows + " rows of " + copy.rows().size() + " tables in one transaction"
            + (copy.sequencesReset() > 0 ? "; " + copy.sequencesReset() + " sequences moved past the copied ids" : ""));
      }
      return report(copier.verify(sample), out, err);
    } catch (StoreException e) {
      err.println("aragora migrate-sqlite-to-postgres: " + target.redact(e.getMessage()));
      return 1;
    }
  }

  private static int report(List<SqliteToPostgres.TableCheck> checks, PrintWriter out, PrintWriter err) {
    out.printf("%-16s %10s %10s %8s  %s%n", "table", "sqlite", "postgres", "sampled", "result");
    boolean ok = true;
    for (SqliteToPostgres.TableCheck check : checks) {
      out.printf("%-16s %10d %10d %8d  %s%n", check.table(), check.sourceRows(), check.targetRows(), check.sampled(),
          check.ok() ? "ok" : "DIFFERENT");
      ok &= check.ok();
    }
    for (SqliteToPostgres.TableCheck check : checks) {
      check.mismatches().stream().limit(SHOWN_MISMATCHES).forEach(m -> err.println("  " + check.table() + ": " + m));
      if (check.mismatches().size() > SHOWN_MISMATCHES)
        err.println("  " + check.table() + ": … and " + (check.mismatches().size() - SHOWN_MISMATCHES) + " more");
    }
    if (ok) out.println("verified: row counts equal and sampled rows equal column by column");
    else err.println("the copy differs from the SQLite database (see above)");
    return ok ? 0 : 1;
  }
}
