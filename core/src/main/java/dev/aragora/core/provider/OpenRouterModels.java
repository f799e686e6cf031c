package dev.aragora.core.provider;

import dev.aragora.core.agent.AgentSpec;
import java.util.regex.Pattern;

/** Maps a direct vendor agent to the OpenRouter id of the same model. */
final class OpenRouterModels {
  private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|latest)$");
  private static final Pattern VERSION_DASH = Pattern.compile("(?<=\\d)-(?=\\d(\\D|$))");

  private OpenRouterModels() {}

  static String forSpec(AgentSpec spec) {
    String model = spec.model();
    if (model.contains("/")) return model;
    return switch (spec.type()) {
      case "anthropic-api" -> model.isEmpty() ? "anthropic/claude-sonnet-4.5" : "anthropic/" + anthropicName(model);
      case "openai-api" -> "openai/" + (model.isEmpty() ? "gpt-4o" : model);
      case "gemini" -> "google/" + (model.isEmpty() ? "gemini-2.5-pro" : model);
      case "grok" -> "x-ai/" + (model.isEmpty() ? "grok-4" : model);
      case "mistral-api" -> "mistralai/" + (model.isEmpty() ? "mistral-large" : DATE_SUFFIX.matcher(model).replaceAll(""));
      case "deepseek" -> "deepseek/" + (model.isEmpty() ? "deepseek-chat" : model);
      case "openrouter" -> model.isEmpty() ? "openai/gpt-4o-mini" : model;
      default -> throw new IllegalArgumentException("agent '" + spec.name() + "' has no OpenRouter counterpart");
    };
  }

  /** Anthropic's API writes versions with dashes and a date (claude-sonnet-4-5-20250929); OpenRouter with dots (claude-sonnet-4.5). */
  private static String anthropicName(String model) {
    return VERSION_DASH.matcher(DATE_SUFFIX.matcher(model).replaceAll("")).replaceAll(".");
  }
}
