package dev.aragora.server.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A debate's row; {@code tenantId} owns it (and its events and receipt). {@code resultJson}, {@code error}, {@code startedAt} and {@code finishedAt} are
 * null until they happen; {@code queueSeq} orders debates by creation for the queue.
 */
public record StoredDebate(String id, String tenantId, String status, String task, String requestJson, String resultJson,
                           String error, String metadataJson, Instant createdAt, Instant startedAt,
                           Instant finishedAt, long queueSeq) {
  public Optional<String> result() {
    return Optional.ofNullable(resultJson);
  }

  public boolean isFinished() {
    return DebateRepository.isTerminal(status);
  }
}
