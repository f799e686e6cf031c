package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import dev.aragora.core.debate.AgentUsage;
import dev.aragora.core.debate.Critique;
import dev.aragora.core.debate.DissentRecord;
import dev.aragora.core.debate.Vote;
import java.util.Locale;
import java.util.Map;

/** A receipt as a Markdown document for people. The JSON is what verifies; this only shows it. */
public final class ReceiptMarkdown {
  private ReceiptMarkdown() {}

  public static String render(Receipt r) {
    requireNonNull(r, "receipt is null");
    StringBuilder md = new StringBuilder();
    md.append("# Decision receipt ").append(r.receiptId()).append("\n\n");
    md.append("- Debate: `").append(r.debateId()).append("`\n");
    md.append("- Issued: ").append(r.issuedAt()).append("\n");
    md.append("- Schema version: ").append(r.schemaVersion()).append("\n");
    if (r.demo()) md.append("- **Demo output**: some texts came from the offline demo provider\n");
    md.append("\n## Question\n\n").append(quote(r.question())).append("\n\n");

    Receipt.Outcome o = r.result();
    md.append("## Decision\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| Status | ").append(cell(o.status())).append(" |\n");
    md.append("| Consensus mode | ").append(cell(o.mode())).append(" |\n");
    md.append("| Consensus reached | ").append(o.consensusReached() ? "yes" : "no").append(" (")
        .append(cell(o.consensusStrength())).append(") |\n");
    md.append("| Confidence | ").append(number(o.confidence())).append(" |\n");
    md.append("| Winner | ").append(o.winner().isEmpty() ? "none" : cell(o.winner())).append(" |\n");
    md.append("| Rounds | ").append(o.roundsUsed()).append(" |\n");
    if (o.error() != null && !o.error().isEmpty()) md.append("| Error | ").append(cell(o.error())).append(" |\n");
    md.append("\n### Final answer\n\n").append(quote(o.finalAnswer())).append("\n\n");

    md.append("## Participants\n\n| Agent | Provider | Model |\n|---|---|---|\n");
    for (Receipt.Participant p : r.participants())
      md.append("| ").append(cell(p.name())).append(" | ").append(cell(p.provider())).append(" | ")
          .append(cell(p.model())).append(" |\n");

    section(md, "Proposals", r.proposals());
    section(md, "Final positions", r.finalPositions());

    if (!r.critiques().isEmpty()) {
      md.append("\n## Critiques\n\n| Round | From | On | Severity | Issues |\n|---|---|---|---|---|\n");
      for (Critique c : r.critiques())
        md.append("| ").append(c.round()).append(" | ").append(cell(c.agent())).append(" | ").append(cell(c.target()))
            .append(" | ").append(number(c.severity())).append(" | ").append(cell(String.join("; ", c.issues())))
            .append(" |\n");
    }
    if (!r.votes().isEmpty()) {
      md.append("\n## Votes\n\n| Voter | Choice | Confidence | Reasoning |\n|---|---|---|---|\n");
      for (Vote v : r.votes())
        md.append("| ").append(cell(v.agent())).append(" | ").append(cell(v.choice())).append(" | ")
            .append(number(v.confidence())).append(" | ").append(cell(v.reasoning())).append(" |\n");
    }
    if (!o.dissent().isEmpty()) {
      md.append("\n## Dissent\n\n");
      for (DissentRecord d : o.dissent())
        md.append("- **").append(inline(d.agent())).append("** (voted for ").append(inline(d.votedFor()))
            .append(", confidence ").append(number(d.confidence())).append("): ").append(inline(d.reasoning())).append("\n");
    }

    md.append("\n## Costs\n\n| Agent | Calls | Tokens in | Tokens out | Cost (USD) |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, AgentUsage> e : r.costs().perAgent().entrySet()) {
      AgentUsage u = e.getValue();
      md.append("| ").append(cell(e.getKey())).append(" | ").append(u.calls()).append(" | ").append(u.tokensIn())
          .append(" | ").append(u.tokensOut()).append(" | ").append(usd(u.costUsd())).append(" |\n");
    }
    md.append("| **Total** | | | | ").append(usd(r.costs().totalUsd())).append(" |\n");

    md.append("\n## Integrity\n\n");
    md.append("- SHA-256: `").append(r.sha256() == null ? "unsigned" : r.sha256()).append("`\n");
    if (r.signature() != null) {
      md.append("- Signature: ").append(r.signature().algorithm()).append(", key id `").append(r.signature().keyId())
          .append("`\n");
    }
    md.append("\nVerify the JSON form offline with `./aragora receipt verify FILE`.\n");
    return md.toString();
  }

  private static void section(StringBuilder md, String title, Map<String, String> texts) {
    if (texts.isEmpty()) return;
    md.append("\n## ").append(title).append("\n");
    texts.forEach((agent, text) -> md.append("\n### ").append(inline(agent)).append("\n\n").append(quote(text)).append("\n"));
  }

  private static String quote(String text) {
    return "> " + text.strip().replace("\r", "").replace("\n", "\n> ");
  }

  private static String cell(String text) {
    return inline(text).replace("|", "\\|");
  }

  private static String inline(String text) {
    return text == null ? "" : text.replace("\r", "").replace('\n', ' ').strip();
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String usd(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
