package dev.aragora.core.agent;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An agent as the user names it: {@code type} or {@code type:model}. For {@code demo:<name>} the
 * part after the colon is a demo identity, not a model. {@code name} is unique within a debate:
 * the spec text itself, with {@code #2}, {@code #3} … appended when the same spec appears again.
 */
public record AgentSpec(String type, String model, String name) {
  /** Agent types this build knows, in the order they are listed to users. */
  public static final List<String> TYPES = List.of(
      "anthropic-api", "openai-api", "gemini", "grok", "mistral-api", "deepseek", "openrouter", "ollama", "demo");
  private static final Set<String> KNOWN = Set.copyOf(TYPES);

  public AgentSpec {
    requireNonNull(type, "type is null");
    model = model == null ? "" : model;
    requireNonNull(name, "name is null");
    if (!KNOWN.contains(type))
      throw new IllegalArgumentException("unknown agent type '" + type + "'; known types: " + String.join(", ", TYPES));
  }

  public boolean isDemo() {
    return type.equals("demo");
  }

  /** Parses one spec such as {@code openai-api}, {@code openrouter:deepseek/deepseek-r1} or {@code demo:skeptic}. */
  public static AgentSpec parse(String text) {
    requireNonNull(text, "agent spec is null");
    String spec = text.strip();
    if (spec.isEmpty()) throw new IllegalArgumentException("empty agent spec");
    int colon = spec.indexOf(':');
    String type = (colon < 0 ? spec : spec.substring(0, colon)).toLowerCase(Locale.ROOT);
    String model = colon < 0 ? "" : spec.substring(colon + 1).strip();
    if (colon >= 0 && model.isEmpty()) throw new IllegalArgumentException("agent spec '" + spec + "' has an empty model after ':'");
    return new AgentSpec(type, model, colon < 0 ? type : type + ":" + model);
  }

  /** Parses a list of specs and makes the names unique ({@code demo}, {@code demo#2}, …). */
  public static List<AgentSpec> parseAll(List<String> texts) {
    Set<String> taken = new HashSet<>();
    // Per name, the suffix to try next: a name repeated n times costs O(n), not O(n²) (a list in a
    // request body may repeat one spec a hundred thousand times before the agent limit is checked).
    Map<String, Integer> nextSuffix = new HashMap<>();
    List<AgentSpec> specs = new ArrayList<>();
    for (String text : texts) {
      AgentSpec spec = parse(text);
      String name = spec.name();
      if (!taken.add(name)) {
        int n = nextSuffix.getOrDefault(spec.name(), 2);
        while (!taken.add(name = spec.name() + "#" + n)) n++;
        nextSuffix.put(spec.name(), n + 1);
      }
      specs.add(name.equals(spec.name()) ? spec : new AgentSpec(spec.type(), spec.model(), name));
    }
    return specs;
  }

  /** Parses a comma-separated list: {@code "demo,demo:skeptic,openai-api:gpt-4o"}. */
  public static List<AgentSpec> parseList(String commaSeparated) {
    List<String> parts = new ArrayList<>();
    for (String part : commaSeparated.split(",")) if (!part.isBlank()) parts.add(part);
    return parseAll(parts);
  }
}
