package dev.aragora.core.debate.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.Map;

/**
 * @param status converged, refining or diverging
 * @param similarity the lowest per-agent similarity (the one that decides)
 * @param perAgent each agent's similarity to its own previous answer
 */
@JsonTypeName("convergence")
public record ConvergenceChecked(String status, double similarity, Map<String, Double> perAgent, String method)
    implements DebateEvent {
  public ConvergenceChecked {
    perAgent = dev.aragora.core.debate.Ordered.copyOf(perAgent);
  }
}
