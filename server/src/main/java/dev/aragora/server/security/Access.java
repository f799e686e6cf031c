package dev.aragora.server.security;

import static java.util.Objects.requireNonNull;

/**
 * What a route requires of its caller.
 *
 * @param kind anyone, any authenticated caller, or a caller holding {@code permission}
 * @param permission the permission for {@link Kind#PERMISSION}, else null
 * @param tokenInQuery the token may also come as {@code ?access_token=} (the WebSocket and SSE
 *     streams only: browsers cannot set headers on EventSource or WebSocket)
 */
public record Access(Kind kind, Permission permission, boolean tokenInQuery) {
  public enum Kind { PUBLIC, SIGNED_IN, PERMISSION }

  public static final Access PUBLIC = new Access(Kind.PUBLIC, null, false);
  public static final Access SIGNED_IN = new Access(Kind.SIGNED_IN, null, false);

  public Access {
    requireNonNull(kind, "kind is null");
    if ((kind == Kind.PERMISSION) != (permission != null))
      throw new IllegalArgumentException("a permission goes with Kind.PERMISSION only");
  }

  public static Access needs(Permission permission) {
    return new Access(Kind.PERMISSION, requireNonNull(permission, "permission is null"), false);
  }

  /** {@code permission}, and the token may come in the query (streams). */
  public static Access stream(Permission permission) {
    return new Access(Kind.PERMISSION, requireNonNull(permission, "permission is null"), true);
  }

  /** Whether {@code principal} passes. */
  public boolean allows(Principal principal) {
    return switch (kind) {
      case PUBLIC -> true;
      case SIGNED_IN -> !principal.isAnonymous();
      case PERMISSION -> principal.can(permission);
    };
  }

  /** {@code public}, {@code signed-in} or the permission's wire name, with {@code +query-token} for streams. */
  @Override
  public String toString() {
    String name = switch (kind) {
      case PUBLIC -> "public";
      case SIGNED_IN -> "signed-in";
      case PERMISSION -> permission.wire();
    };
    return tokenInQuery ? name + " +query-token" : name;
  }
}
