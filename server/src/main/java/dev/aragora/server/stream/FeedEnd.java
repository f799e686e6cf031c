package dev.aragora.server.stream;

/** Why a {@link DebateFeed} stopped on its own. */
public enum FeedEnd {
  /** The debate_end event was delivered, or the debate is over and everything stored was delivered. */
  DEBATE_ENDED,
  /** Live events arrived faster than the subscriber took them: it may reconnect with the last seq it got. */
  TOO_SLOW,
  /** The subscriber failed to take an event (it went away), or the event log could not be read. */
  FAILED
}
