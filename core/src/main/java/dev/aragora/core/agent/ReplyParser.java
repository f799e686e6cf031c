package dev.aragora.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.core.provider.ProviderException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Reads the JSON object an agent was asked for. Lenient in what it reads: code fences, prose
 * around the object, a string where a list was asked, numbers as strings. Strict where it matters:
 * a vote must name one of the options.
 */
final class ReplyParser {
  private static final ObjectMapper JSON = dev.aragora.core.provider.http.Json.mapper();

  record ParsedCritique(List<String> issues, List<String> suggestions, double severity, String reasoning) {}

  record ParsedVote(String choice, double confidence, String reasoning, boolean continueDebate) {}

  private ReplyParser() {}

  /** A critique; when the reply has no JSON, its text becomes the single issue at severity 5. */
  static ParsedCritique critique(String reply) {
    JsonNode node = object(reply);
    if (node == null) {
      String text = reply.strip();
      return new ParsedCritique(text.isEmpty() ? List.of() : List.of(truncate(text, 2000)), List.of(), 5, "");
    }
    double severity = clamp(number(node.get("severity"), 5), 0, 10);
    return new ParsedCritique(strings(node.get("issues")), strings(node.get("suggestions")), severity,
        text(node.get("reasoning")));
  }

  /** A vote for one of {@code options} (matched case-insensitively); otherwise MALFORMED_RESPONSE. */
  static ParsedVote vote(String reply, Collection<String> options, String provider) {
    JsonNode node = object(reply);
    if (node == null) throw malformed(provider, "vote reply is not a JSON object");
    String raw = text(node.get("choice")).strip();
    String choice = options.stream().filter(o -> o.equalsIgnoreCase(raw)).findFirst()
        .orElseThrow(() -> malformed(provider, "vote names '" + truncate(raw, 80) + "', not one of " + options));
    double confidence = confidence(node.get("confidence"));
    JsonNode cont = node.get("continue_debate");
    boolean continueDebate = cont != null && (cont.isBoolean() ? cont.asBoolean() : "true".equalsIgnoreCase(cont.asText()));
    return new ParsedVote(choice, confidence, text(node.get("reasoning")), continueDebate);
  }

  /** The first complete JSON object in the reply, trying each '{' in turn (prose may contain braces). */
  private static JsonNode object(String reply) {
    for (int start = reply.indexOf('{'); start >= 0; start = reply.indexOf('{', start + 1)) {
      try (var parser = JSON.createParser(reply.substring(start))) {
        JsonNode node = parser.readValueAsTree();
        if (node != null && node.isObject()) return node;
      } catch (java.io.IOException e) {
        // not an object here; try the next brace
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    if (node.isArray()) {
      node.forEach(n -> {
        String s = n.isTextual() ? n.asText() : n.toString();
        if (!s.isBlank()) out.add(truncate(s.strip(), 1000));
      });
    } else if (!node.asText().isBlank()) {
      out.add(truncate(node.asText().strip(), 1000));
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : truncate(node.isTextual() ? node.asText() : node.toString(), 2000);
  }

  private static double number(JsonNode node, double fallback) {
    if (node == null || node.isNull()) return fallback;
    if (node.isNumber()) return node.asDouble();
    try {
      return Double.parseDouble(node.asText().trim().toLowerCase(Locale.ROOT).replace("%", ""));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * A confidence in [0,1]. Models do not always use that scale: "60%" and 60 mean 0.6 (a 0–100
   * scale), 8 means 0.8 (a 0–10 scale); anything else is clamped.
   */
  private static double confidence(JsonNode node) {
    double value = number(node, 0.5);
    boolean percent = node != null && node.isTextual() && node.asText().contains("%");
    if (percent || (value > 10 && value <= 100)) value /= 100;
    else if (value > 1 && value <= 10) value /= 10;
    return clamp(value, 0, 1);
  }

  private static double clamp(double v, double lo, double hi) {
    if (Double.isNaN(v)) return lo;
    return Math.max(lo, Math.min(hi, v));
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  private static ProviderException malformed(String provider, String message) {
    return new ProviderException(ProviderException.Kind.MALFORMED_RESPONSE, provider, 0, message);
  }
}
