package dev.aragora.server.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The schema's Flyway migrations ({@code classpath:db/migration}, one portable set for SQLite and
 * PostgreSQL): apply the pending ones, or report where the schema stands without changing it. On
 * PostgreSQL Flyway holds an advisory lock while it migrates, so instances that start together
 * apply each script once, one after another.
 */
public final class Migrations {
  private static final String LOCATION = "classpath:db/migration";

  /** One migration script: its version and description. */
  public record Step(String version, String description) {
    public Step {
      requireNonNull(version, "version is null");
      requireNonNull(description, "description is null");
    }

    static Step of(MigrationInfo info) {
      return new Step(info.getVersion() == null ? "R" : info.getVersion().getVersion(), info.getDescription());
    }

    @Override
    public String toString() {
      return "V" + version + " " + description;
    }
  }

  /** What {@link #migrate()} did: the version before (empty for an empty database) and after, and the scripts applied. */
  public record Applied(String fromVersion, String toVersion, List<Step> steps) {
    public Applied {
      fromVersion = fromVersion == null ? "" : fromVersion;
      toVersion = toVersion == null ? "" : toVersion;
      steps = List.copyOf(steps);
    }
  }

  /**
   * Where the schema stands. {@code version} is empty for a database without the schema;
   * {@code ahead} are migrations applied by a newer build that this one does not know (tolerated);
   * {@code problems} are Flyway's validation errors (a changed or missing script, for instance).
   */
  public record Status(String version, List<Step> pending, List<Step> failed, List<Step> ahead, List<String> problems) {
    public Status {
      version = version == null ? "" : version;
      pending = List.copyOf(pending);
      failed = List.copyOf(failed);
      ahead = List.copyOf(ahead);
      problems = List.copyOf(problems);
    }

    /** Up to date and valid: nothing pending, nothing failed, no validation error. */
    public boolean isCurrent() {
      return pending.isEmpty() && failed.isEmpty() && problems.isEmpty();
    }

    /** One line for logs and errors. */
    public String summary() {
      List<String> parts = new ArrayList<>();
      parts.add(version.isEmpty() ? "no schema yet" : "at version " + version);
      if (!pending.isEmpty()) parts.add("pending: " + join(pending));
      if (!failed.isEmpty()) parts.add("failed: " + join(failed));
      if (!problems.isEmpty()) parts.add("invalid: " + String.join("; ", problems));
      return String.join(", ", parts);
    }

    private static String join(List<Step> steps) {
      return String.join(", ", steps.stream().map(Step::toString).toList());
    }
  }

  private final DatabaseSettings settings;
  private final DataSource dataSource;

  Migrations(DatabaseSettings settings, DataSource dataSource) {
    this.settings = requireNonNull(settings, "settings is null");
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  /** The migrations of the database {@code settings} name, on unpooled connections of their own. */
  public static Migrations of(DatabaseSettings settings) {
    return new Migrations(settings, Database.unpooled(settings));
  }

  /** Applies every pending migration (creating the SQLite file if needed). */
  public Applied migrate() {
    if (!settings.isPostgres()) Database.createDataDir(settings);
    try {
      MigrateResult result = flyway(false).migrate();
      List<Step> steps = result.migrations.stream().map(m -> new Step(m.version, m.description)).toList();
      // Flyway names no target version when there was nothing to apply.
      String to = result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion;
      return new Applied(result.initialSchemaVersion, to, steps);
    } catch (FlywayException e) {
      throw failure("cannot migrate", e);
    }
  }

  /** Where the schema stands; changes nothing (and creates no SQLite file). */
  public Status status() {
    if (!settings.isPostgres() && !Files.exists(settings.sqliteFile()))
      throw new StoreException("no SQLite database at " + settings.sqliteFile());
    try {
      Flyway flyway = flyway(true);
      MigrationInfoService info = flyway.info();
      MigrationInfo current = info.current();
      List<MigrationInfo> all = Arrays.asList(info.all());
      List<Step> pending = Arrays.stream(info.pending()).map(Step::of).toList();
      List<Step> failed = all.stream().filter(i -> i.getState().isFailed()).map(Step::of).toList();
      List<Step> ahead = all.stream().filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS).map(Step::of).toList();
      ValidateResult validation = flyway.validateWithResult();
      List<String> problems = new ArrayList<>();
      if (!validation.validationSuccessful) {
        for (ValidateOutput invalid : validation.invalidMigrations)
          problems.add("V" + invalid.version + " " + invalid.description + ": " + message(invalid));
        if (problems.isEmpty() && validation.errorDetails != null) problems.add(validation.errorDetails.errorMessage);
      }
      return new Status(current == null || current.getVersion() == null ? "" : current.getVersion().getVersion(),
          pending, failed, ahead, problems);
    } catch (FlywayException e) {
      throw failure("cannot read the schema history of", e);
    }
  }

  private Flyway flyway(boolean check) {
    var config = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        // V9 gives rows stored before tenancy to the default tenant.
        .placeholders(java.util.Map.of("default_tenant", settings.defaultTenant()))
        .failOnMissingLocations(true);
    // A check lists pending migrations itself, so validation looks only at the applied ones.
    // Migrations a newer build applied ("future") are tolerated, as Flyway does by default.
    config = check ? config.ignoreMigrationPatterns("*:pending", "*:future") : config.ignoreMigrationPatterns("*:future");
    return config.load();
  }

  private static String message(ValidateOutput invalid) {
    return invalid.errorDetails == null ? "invalid" : firstLine(invalid.errorDetails.errorMessage);
  }

  private StoreException failure(String what, FlywayException e) {
    String cause = rootMessage(e);
    String text = flatten(e.getMessage());
    String message = what + " " + settings.describe() + ": " + text
        + (cause.isEmpty() || text.contains(cause) ? "" : " (" + cause + ")");
    return new StoreException(settings.redact(message), e);
  }

  /**
   * Flyway's multi-line message on one line: its substance (which check failed, on which version),
   * without the separator lines, the repeated SQL state block and the links to its documentation.
   */
  private static String flatten(String message) {
    if (message == null) return "";
    List<String> kept = new ArrayList<>();
    for (String line : message.split("\\R")) {
      String text = line.strip();
      if (text.isEmpty() || text.matches("-+") || text.contains("http") || text.startsWith("Need more flexibility")
          || text.startsWith("SQL State") || text.startsWith("Error Code") || text.startsWith("Message ")) continue;
      kept.add(text);
    }
    return String.join("; ", kept);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) root = root.getCause();
    return root == e || root.getMessage() == null ? "" : firstLine(root.getMessage());
  }

  private static String firstLine(String text) {
    if (text == null) return "";
    String line = text.strip();
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline).strip();
  }
}
