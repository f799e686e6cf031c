package dev.aragora.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.store.StoredDebate;
import java.util.Locale;

/** Renders a finished debate as a Markdown report: decision first, then votes, dissent, and the transcript. */
final class DebateMarkdown {
  private DebateMarkdown() {}

  static String render(StoredDebate debate, JsonNode result) {
    StringBuilder md = new StringBuilder(4096);
    md.append("# ").append(line(debate.task())).append("\n\n");
    md.append("- Debate: `").append(debate.id()).append("`\n");
    md.append("- Status: ").append(debate.status()).append('\n');
    md.append("- Created: ").append(debate.createdAt()).append('\n');
    if (debate.finishedAt() != null) md.append("- Finished: ").append(debate.finishedAt()).append('\n');
    if (debate.error() != null && !debate.error().isEmpty()) md.append("- Error: ").append(line(debate.error())).append('\n');
    if (result == null) return md.append("\nThe debate ended before it produced a result.\n").toString();
    if (result.path("demo").asBoolean()) {
      md.append("- **Demo output**: offline demo agents wrote this text; it is not a model's answer.\n");
    }
    md.append(String.format(Locale.ROOT, "- Consensus: %s (%s, strength %s), confidence %.2f%n",
        result.path("consensus_reached").asBoolean() ? "reached" : "not reached", result.path("consensus_mode").asText(),
        result.path("consensus_strength").asText(), result.path("confidence").asDouble()));
    md.append("- Rounds: ").append(result.path("rounds_used").asInt()).append(", convergence: ")
        .append(result.path("convergence_status").asText()).append('\n');
    md.append(String.format(Locale.ROOT, "- Cost: $%.6f over %.1f s%n", result.path("total_cost_usd").asDouble(),
        result.path("duration_seconds").asDouble()));

    md.append("\n## Decision\n\n");
    String answer = result.path("final_answer").asText();
    md.append(answer.isEmpty() ? "_No final answer._" : answer).append("\n");
    String winner = result.path("winner").asText();
    if (!winner.isEmpty()) md.append("\nWinning position: **").append(winner).append("**\n");

    JsonNode votes = result.path("votes");
    if (!votes.isEmpty()) {
      md.append("\n## Votes\n\n| Agent | Choice | Confidence | Reasoning |\n|---|---|---|---|\n");
      for (JsonNode v : votes) {
        md.append("| ").append(cell(v.path("agent").asText())).append(" | ").append(cell(v.path("choice").asText()))
            .append(String.format(Locale.ROOT, " | %.2f | ", v.path("confidence").asDouble()))
            .append(cell(v.path("reasoning").asText())).append(" |\n");
      }
    }
    JsonNode dissent = result.path("dissenting_views");
    if (!dissent.isEmpty()) {
      md.append("\n## Dissent\n\n");
      for (JsonNode d : dissent) {
        md.append("- **").append(d.path("agent").asText()).append("** voted for ").append(d.path("voted_for").asText())
            .append(": ").append(line(d.path("reasoning").asText())).append('\n');
      }
    }
    JsonNode failures = result.path("agent_failures");
    if (!failures.isEmpty()) {
      md.append("\n## Agent failures\n\n");
      failures.properties().forEach(entry -> {
        for (JsonNode f : entry.getValue()) {
          md.append("- ").append(entry.getKey()).append(", ").append(f.path("phase").asText()).append(" round ")
              .append(f.path("round").asInt()).append(": ").append(f.path("error_type").asText()).append(" — ")
              .append(line(f.path("message").asText())).append('\n');
        }
      });
    }
    md.append("\n## Transcript\n");
    int round = -1;
    for (JsonNode m : result.path("messages")) {
      int r = m.path("round").asInt();
      if (r != round) {
        round = r;
        md.append("\n### ").append(r == 0 ? "Proposals" : "Round " + r).append("\n");
      }
      md.append("\n**").append(m.path("agent").asText()).append("** (").append(m.path("role").asText()).append(")\n\n")
          .append(m.path("content").asText()).append('\n');
    }
    JsonNode critiques = result.path("critiques");
    if (!critiques.isEmpty()) {
      md.append("\n## Critiques\n\n");
      for (JsonNode c : critiques) {
        md.append(String.format(Locale.ROOT, "- Round %d, %s on %s (severity %.0f): ", c.path("round").asInt(),
            c.path("agent").asText(), c.path("target").asText(), c.path("severity").asDouble()));
        StringBuilder issues = new StringBuilder();
        for (JsonNode issue : c.path("issues")) issues.append(issues.isEmpty() ? "" : "; ").append(issue.asText());
        md.append(line(issues.toString())).append('\n');
      }
    }
    return md.toString();
  }

  private static String line(String text) {
    return text.replace('\n', ' ').strip();
  }

  private static String cell(String text) {
    return line(text).replace("|", "\\|");
  }
}
