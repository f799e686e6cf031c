package dev.aragora.core.debate;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One agent's structured critique of another's position. Severity is 0 (nit) to 10 (fatal). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Critique(String agent, String target, int round, List<String> issues, List<String> suggestions,
                       double severity, String reasoning) {
  public Critique {
    requireNonNull(agent, "agent is null");
    requireNonNull(target, "target is null");
    issues = List.copyOf(issues);
    suggestions = List.copyOf(suggestions);
    if (!(severity >= 0 && severity <= 10)) throw new IllegalArgumentException("severity out of [0,10]: " + severity);
    reasoning = reasoning == null ? "" : reasoning;
  }
}
