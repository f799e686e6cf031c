package dev.aragora.server.store;

/** A database failure the caller cannot fix by changing its input: the store is unavailable or broken. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
