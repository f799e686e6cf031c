package dev.aragora.server.cli;

import dev.aragora.server.App;
import dev.aragora.server.config.LoggingConfig;
import dev.aragora.server.config.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.slf4j.LoggerFactory;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the HTTP API until SIGTERM or Ctrl-C (data in ARAGORA_DATA_DIR, default ./data).")
final class ServeCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Spec
  CommandSpec spec;

  @Option(names = {"-p", "--port"}, paramLabel = "N",
      description = "Port to listen on (default: PORT, else ARAGORA_PORT, else 8080).")
  Integer port;

  ServeCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config = ServerConfig.fromEnvironment(env);
    if (port != null) config = config.withPort(port);
    App app = App.start(env, config);
    long sinceLaunch = ProcessHandle.current().info().startInstant()
        .map(t -> Duration.between(t, Instant.now()).toMillis()).orElse(-1L);
    String listening = "aragora: listening on port " + app.port()
        + (sinceLaunch >= 0 ? " (ready " + sinceLaunch + " ms after launch)" : "")
        + "; API docs at http://localhost:" + app.port() + "/docs";
    // JSON logs stay one object a line: the announcement is a log record there.
    if (LoggingConfig.fromEnvironment(env).json()) LoggerFactory.getLogger(ServeCommand.class).info(listening);
    else spec.commandLine().getErr().println(listening);
    Thread stop = new Thread(app::close, "aragora-shutdown");
    Runtime.getRuntime().addShutdownHook(stop);
    app.awaitClosed();
    return 0;
  }
}
