package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

@JsonTypeName("debate_start")
public record DebateStarted(String task, List<String> agents, int rounds, String consensus, String topology)
    implements DebateEvent {
  public DebateStarted {
    agents = List.copyOf(agents);
  }
}
