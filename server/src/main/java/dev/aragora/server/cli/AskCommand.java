package dev.aragora.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.ConsensusMode;
import dev.aragora.core.debate.DebateControl;
import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.Topology;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.server.config.Engine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run one debate and print the decision.")
final class AskCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUESTION", description = "The question to debate (1-10,000 characters).")
  String question;

  @Option(names = {"-a", "--agents"}, paramLabel = "LIST",
      description = "Comma-separated agent specs, e.g. anthropic-api,openai-api,gemini or demo:skeptic,demo:optimist. "
          + "Default: ARAGORA_DEFAULT_AGENTS, else three demo agents.")
  String agents;

  @Option(names = {"-r", "--rounds"}, paramLabel = "N", description = "Critique/revision rounds (default ARAGORA_DEFAULT_ROUNDS, 3).")
  Integer rounds;

  @Option(names = {"-c", "--consensus"}, paramLabel = "MODE", defaultValue = "majority",
      description = "majority, weighted, supermajority, unanimous, judge or none (default ${DEFAULT-VALUE}).")
  String consensus;

  @Option(names = {"-t", "--topology"}, paramLabel = "T", defaultValue = "all-to-all",
      description = "Who critiques whom: all-to-all, ring, star or round-robin (default ${DEFAULT-VALUE}).")
  String topology;

  @Option(names = "--judge", paramLabel = "AGENT", description = "Judge for --consensus judge (default: the first agent).")
  String judge;

  @Option(names = "--context", paramLabel = "TEXT", description = "Background given to every agent.")
  String context;

  @Option(names = "--agent-timeout", paramLabel = "SECONDS", description = "Per call (default ARAGORA_AGENT_TIMEOUT, 240).")
  Integer agentTimeout;

  @Option(names = "--json", description = "Print only the result object, as JSON.")
  boolean json;

  AskCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Engine engine = Engine.fromEnvironment(env, ProviderEventListener.NONE);
    var config = engine.config();
    DebateRequest request = new DebateRequest(question,
        AgentSpec.parseList(agents == null ? config.defaultAgents() : agents),
        rounds == null ? config.defaultRounds() : rounds,
        ConsensusMode.parse(consensus), Topology.parse(topology),
        agentTimeout == null ? config.agentTimeout() : Duration.ofSeconds(agentTimeout),
        config.debateTimeout(), context, judge);
    config.limits().check(request);
    if (!request.judge().isEmpty() && request.agents().stream().noneMatch(a -> a.name().equals(request.judge())))
      throw new IllegalArgumentException("--judge '" + request.judge() + "' is not one of the agents");

    String debateId = "cli_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    EventSink sink = json ? EventSink.DISCARD : new ConsoleProgress(err, stderrIsTerminal());
    DebateControl control = new DebateControl();
    // Ctrl-C cancels the debate; the hook then waits until the (cancelled) decision is printed.
    CountDownLatch printed = new CountDownLatch(1);
    Thread onInterrupt = new Thread(() -> {
      control.cancel("interrupted by the user");
      try {
        printed.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    DebateResult result;
    try {
      result = engine.arena().run(debateId, request, sink, control);
      if (json) {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      } else {
        Decision.print(result, out);
      }
      out.flush();
    } finally {
      printed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and returns now that the decision is out
      }
    }
    return switch (result.status()) {
      case CONSENSUS_REACHED, COMPLETED, INSUFFICIENT_PARTICIPATION -> 0;
      case FAILED, SUSPENDED -> 1;
      case CANCELLED -> 130;
    };
  }

  /** The launcher says whether stderr is a terminal; System.console() alone is not reliable on every JDK. */
  private static boolean stderrIsTerminal() {
    String told = System.getProperty("aragora.stderr.tty");
    return told != null ? Boolean.parseBoolean(told) : System.console() != null;
  }
}
