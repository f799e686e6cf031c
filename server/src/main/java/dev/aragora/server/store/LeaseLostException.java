package dev.aragora.server.store;

/** This instance no longer holds the debate's lease: another instance took it over, or it ended. */
public final class LeaseLostException extends RuntimeException {
  public LeaseLostException(String debateId) {
    super("lease of debate " + debateId + " is no longer held here", null, false, false);
  }
}
