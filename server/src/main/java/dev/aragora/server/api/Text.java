package dev.aragora.server.api;

/**
 * Checks on client text that is stored or looked up. PostgreSQL cannot hold U+0000 in text (any
 * statement carrying one fails), so no text the API takes may contain it, whichever database
 * runs: the request is refused with 400 instead of failing in the store.
 */
final class Text {
  private Text() {}

  /** {@code value} (may be null), refused when it contains a NUL character. */
  static String withoutNul(String field, String value) {
    if (value != null && value.indexOf('\u0000') >= 0)
      throw ApiError.badRequest("invalid_request", field + " must not contain NUL (U+0000) characters");
    return value;
  }
}
