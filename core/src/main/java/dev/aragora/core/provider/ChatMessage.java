package dev.aragora.core.provider;

import static java.util.Objects.requireNonNull;

/** One turn of a conversation. Roles are vendor-neutral; codecs map them to their wire names. */
public record ChatMessage(Role role, String content) {
  public enum Role { USER, ASSISTANT }

  public ChatMessage {
    requireNonNull(role, "role is null");
    requireNonNull(content, "content is null");
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
