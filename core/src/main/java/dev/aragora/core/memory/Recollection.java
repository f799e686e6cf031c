package dev.aragora.core.memory;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.DebateRequest;
import java.util.List;

/**
 * What memory recalled for a new debate: the context block given to its agents, and the entries
 * that block quotes (to be marked used once the debate is admitted).
 */
public record Recollection(String context, List<Match> matches) {
  public static final Recollection NONE = new Recollection("", List.of());

  public Recollection {
    requireNonNull(context, "context is null");
    matches = List.copyOf(matches);
  }

  public boolean isEmpty() {
    return matches.isEmpty();
  }

  public List<String> ids() {
    return matches.stream().map(m -> m.entry().id()).toList();
  }

  /** {@code request} with this block after any context it already has; unchanged when nothing was recalled. */
  public DebateRequest applyTo(DebateRequest request) {
    if (context.isEmpty()) return request;
    String existing = request.context();
    return request.withContext(existing.isBlank() ? context : existing.strip() + "\n\n" + context);
  }
}
