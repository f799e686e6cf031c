package dev.aragora.server.stream;

import java.util.List;

/** Reads a debate's stored envelopes; {@code EventLog::since} in the server. */
@FunctionalInterface
public interface StoredEvents {
  /** Envelopes of {@code debateId} with seq greater than {@code afterSeq}, in seq order, at most {@code limit}. */
  List<String> since(String debateId, long afterSeq, int limit);
}
