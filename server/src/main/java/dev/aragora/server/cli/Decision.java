package dev.aragora.server.cli;

import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.DebateResult;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Vote;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a decision for people. */
final class Decision {
  private Decision() {}

  static void print(DebateResult r, PrintWriter out) {
    out.println("=".repeat(72));
    out.printf(Locale.ROOT, "DECISION — %s · %s consensus · confidence %.2f · strength %s%n",
        r.status().wire(), r.consensusMode(), r.confidence(), r.consensusStrength());
    if (r.demo()) out.println("(demo output: written offline by the demo provider, not by a language model)");
    out.println("=".repeat(72));
    if (!r.error().isEmpty()) out.println("Error: " + r.error());
    if (!r.finalAnswer().isEmpty()) out.println(r.finalAnswer().strip());
    out.println();
    if (!r.winner().isEmpty()) out.println("Winner: " + r.winner());
    if (!r.votes().isEmpty()) {
      out.println("Votes:");
      for (Vote v : r.votes()) out.printf(Locale.ROOT, "  %s → %s (%.2f)%n", v.agent(), v.choice(), v.confidence());
    }
    if (!r.dissentingViews().isEmpty()) {
      out.println("Dissent:");
      for (DissentRecord d : r.dissentingViews())
        out.println("  " + d.agent() + " voted " + d.votedFor() + (d.reasoning().isBlank() ? "" : ": " + d.reasoning()));
    }
    if (!r.agentFailures().isEmpty()) {
      out.println("Agent failures:");
      r.agentFailures().forEach((agent, list) -> list.forEach(f ->
          out.println("  " + agent + " in " + f.phase() + ": " + f.errorType() + " — " + f.message())));
    }
    out.printf(Locale.ROOT, "Rounds: %d · convergence %s (%.2f) · %.1f s · $%.4f%n", r.roundsUsed(),
        r.convergenceStatus(), r.convergenceSimilarity(), r.durationSeconds(), r.totalCostUsd());
    for (Map.Entry<String, AgentUsage> e : r.usage().entrySet()) {
      AgentUsage u = e.getValue();
      out.printf(Locale.ROOT, "  %-24s %3d calls  %7d in  %7d out  $%.4f%n", e.getKey(), u.calls(), u.tokensIn(),
          u.tokensOut(), u.costUsd());
    }
  }
}
