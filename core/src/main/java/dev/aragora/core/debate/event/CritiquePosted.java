package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.aragora.core.debate.AgentUsage;
import java.util.List;

/** @param usage the critic's usage in this debate so far, this critique included (resume restores it) */
@JsonTypeName("critique")
public record CritiquePosted(String target, List<String> issues, List<String> suggestions, double severity,
                             String content, AgentUsage usage) implements DebateEvent {
  public CritiquePosted {
    issues = List.copyOf(issues);
    suggestions = List.copyOf(suggestions);
    usage = usage == null ? AgentUsage.ZERO : usage;
  }
}
