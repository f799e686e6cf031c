package dev.aragora.server.stream;

import java.util.Optional;

/** Looks up a debate's status; empty when there is no such debate. */
@FunctionalInterface
public interface DebateStatuses {
  Optional<String> statusOf(String debateId);
}
