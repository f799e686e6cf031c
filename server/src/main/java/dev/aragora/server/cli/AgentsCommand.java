package dev.aragora.server.cli;

import dev.aragora.core.provider.ProviderCatalog;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "agents", mixinStandardHelpOptions = true,
    description = "List the agent types and whether each one's API key is set.")
final class AgentsCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Spec
  CommandSpec spec;

  AgentsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    ProviderCatalog catalog = new ProviderCatalog(env, HttpClient.newHttpClient());
    catalog.keyStatus().forEach((type, ready) ->
        out.printf("%-14s %s%n", type, ready ? "ready" : "key not set"));
    out.println();
    out.println("Use a type as is, or type:model (openai-api:gpt-4o, openrouter:deepseek/deepseek-r1, ollama:llama3.2);");
    out.println("demo:<name> gives distinct offline demo identities (pragmatist, skeptic, optimist, economist, engineer, ethicist).");
    return 0;
  }
}
