package dev.aragora.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.agent.Prompts;
import dev.aragora.core.testing.RecordedRequest;
import dev.aragora.core.testing.Scripted;
import dev.aragora.core.testing.VendorBodies;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a fake OpenAI-compatible debater answers, by the step its prompt asks for (proposal,
 * critique, revision, vote for the first position), after {@code latency}, in the vendor's wire
 * format (streamed when asked). Debates of such agents reach consensus.
 */
public final class DebaterScript {
  private static final Pattern SYSTEM = Pattern.compile("You are (\\S+?), one of several");

  private DebaterScript() {}

  public static Scripted reply(RecordedRequest request, Duration latency) {
    String user = userPrompt(request);
    String agent = agent(request);
    String text;
    if (user.contains("Critique this answer")) {
      text = "{\"issues\": [\"costs are ignored\"], \"suggestions\": [\"estimate them\"], \"severity\": 6}";
    } else if (user.contains("Vote for the position")) {
      text = "{\"choice\": \"" + Prompts.sectionNames(user).get(0) + "\", \"confidence\": 0.8, \"reasoning\": \"clear\"}";
    } else if (user.contains("revised answer")) {
      text = agent + " revises: start with a modular monolith, measure, then split the hottest module out.";
    } else {
      text = agent + " proposes: keep the monolith until a team boundary hurts.";
    }
    return VendorBodies.replyFor(request, text, 20, 10).withHeadersDelay(latency);
  }

  /** The debater a request speaks for, from its system prompt ("?" when there is none). */
  public static String agent(RecordedRequest request) {
    StringBuilder all = new StringBuilder();
    for (JsonNode m : request.json().path("messages")) all.append(m.path("content").asText()).append('\n');
    Matcher who = SYSTEM.matcher(all);
    return who.find() ? who.group(1) : "?";
  }

  /** The last user message of a chat request. */
  public static String userPrompt(RecordedRequest request) {
    String user = "";
    for (JsonNode m : request.json().path("messages")) {
      if (m.path("role").asText().equals("user")) user = m.path("content").asText();
    }
    return user;
  }
}
