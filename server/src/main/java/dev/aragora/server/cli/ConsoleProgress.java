package dev.aragora.server.cli;

import dev.aragora.core.debate.event.AgentError;
import dev.aragora.core.debate.event.AgentFallback;
import dev.aragora.core.debate.event.AgentMessage;
import dev.aragora.core.debate.event.ConsensusDecided;
import dev.aragora.core.debate.event.ConvergenceChecked;
import dev.aragora.core.debate.event.CritiquePosted;
import dev.aragora.core.debate.event.DebateEnded;
import dev.aragora.core.debate.event.DebateResumed;
import dev.aragora.core.debate.event.DebateStarted;
import dev.aragora.core.debate.event.EventEnvelope;
import dev.aragora.core.debate.event.EventSink;
import dev.aragora.core.debate.event.PhaseStarted;
import dev.aragora.core.debate.event.RoundStarted;
import dev.aragora.core.debate.event.TokenDelta;
import dev.aragora.core.debate.event.VoteCast;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Live progress for a terminal: phases, rounds, each agent's finished texts, critiques and votes.
 * Streamed tokens show on one status line that is rewritten in place (only on an interactive
 * terminal; agents write in parallel, so interleaving whole texts would be unreadable).
 */
final class ConsoleProgress implements EventSink {
  private static final int STATUS_WIDTH = 100;

  private final PrintWriter err;
  private final boolean interactive;
  private boolean statusShown;

  ConsoleProgress(PrintWriter err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public void accept(EventEnvelope e) {
    switch (e.data()) {
      case DebateStarted s -> line("Debate " + e.debateId() + ": " + s.agents().size() + " agents ("
          + String.join(", ", s.agents()) + "), " + s.rounds() + " rounds, " + s.consensus() + ", " + s.topology());
      case RoundStarted r -> line("\n== Round " + r.round() + " of " + r.totalRounds() + " ==");
      case PhaseStarted p -> line("-- " + p.phase());
      case TokenDelta t -> status(e.agent(), t);
      case AgentMessage m -> line("[" + e.agent() + "] " + m.role() + (m.provider().equals("demo") ? "" : " via "
          + m.provider() + "/" + m.model()) + ":\n" + indent(m.content()));
      case CritiquePosted c -> line("[" + e.agent() + " → " + c.target() + "] severity " + Math.round(c.severity())
          + ": " + String.join("; ", c.issues()));
      case VoteCast v -> line("[" + e.agent() + "] votes " + v.choice()
          + String.format(Locale.ROOT, " (%.2f)", v.confidence()) + (v.reasoning().isBlank() ? "" : ": " + v.reasoning()));
      case ConvergenceChecked c -> line(String.format(Locale.ROOT, "convergence: %s (lowest similarity %.2f, %s)",
          c.status(), c.similarity(), c.method()));
      case AgentError a -> line("[" + e.agent() + "] " + a.phase() + " failed (" + a.errorType() + "): " + a.message());
      case AgentFallback f -> line("[" + e.agent() + "] " + f.fromProvider() + " failed (" + f.reason()
          + "); falling back to " + f.toProvider() + "/" + f.toModel());
      case ConsensusDecided c -> line(String.format(Locale.ROOT, "consensus: %s (confidence %.2f, %s)",
          c.reached() ? "reached" : "not reached", c.confidence(), c.strength()));
      case DebateResumed r -> line("-- resumed (" + r.reason() + "): " + r.phase() + " of round " + r.round()
          + " starts again; events after #" + r.fromSeq() + " are superseded");
      case DebateEnded d -> line(String.format(Locale.ROOT, "debate ended: %s after %.1f s%n", d.status(), d.duration()));
    }
    err.flush();
  }

  private void status(String agent, TokenDelta t) {
    if (!interactive) return;
    String tail = (agent + " · " + t.phase() + " · " + t.token().replace('\n', ' ')).strip();
    if (tail.length() > STATUS_WIDTH) tail = tail.substring(0, STATUS_WIDTH);
    err.print("\r\033[2K" + tail);
    statusShown = true;
  }

  private void line(String text) {
    if (statusShown) {
      err.print("\r\033[2K");
      statusShown = false;
    }
    err.println(text);
  }

  private static String indent(String text) {
    return "    " + text.strip().replace("\n", "\n    ");
  }
}
