package dev.aragora.server.cli;

import dev.aragora.server.config.LoggingConfig;
import dev.aragora.server.ops.Logging;
import dev.aragora.server.store.StoreException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code aragora} command. */
@Command(name = "aragora", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Several LLM agents propose, critique, revise and vote; you get one defensible decision.",
    subcommands = {AskCommand.class, AgentsCommand.class, ServeCommand.class, TrainCommand.class, ReceiptCommand.class,
        MigrateCommand.class, MigrateSqliteToPostgresCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given environment and streams; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    try {
      Logging.configure(LoggingConfig.fromEnvironment(env));
    } catch (IllegalArgumentException e) {
      err.println("aragora: " + e.getMessage());
      return 2;
    }
    CommandLine cli = new CommandLine(new Main(), new Factory(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, argv) -> {
      err.println("aragora: " + ex.getMessage());
      err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof IllegalArgumentException) {
        err.println("aragora: " + ex.getMessage());
        return 2;
      }
      // The database cannot be opened, or its schema is not up to date: the message says which.
      if (ex instanceof StoreException) {
        err.println("aragora: " + ex.getMessage());
        return 1;
      }
      throw ex;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Gives commands the environment they were started with (tests pass their own). */
  private record Factory(Map<String, String> env) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == AskCommand.class) return type.cast(new AskCommand(env));
      if (type == AgentsCommand.class) return type.cast(new AgentsCommand(env));
      if (type == ServeCommand.class) return type.cast(new ServeCommand(env));
      if (type == TrainCommand.class) return type.cast(new TrainCommand(env));
      if (type == MigrateCommand.class) return type.cast(new MigrateCommand(env));
      if (type == MigrateSqliteToPostgresCommand.class) return type.cast(new MigrateSqliteToPostgresCommand(env));
      return CommandLine.defaultFactory().create(type);
    }
  }
}
