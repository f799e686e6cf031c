package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

@JsonTypeName("critique")
public record CritiquePosted(String target, List<String> issues, List<String> suggestions, double severity,
                             String content) implements DebateEvent {
  public CritiquePosted {
    issues = List.copyOf(issues);
    suggestions = List.copyOf(suggestions);
  }
}
