package dev.aragora.server.security;

import static dev.aragora.server.security.Permission.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A caller's role; each grants a fixed set of permissions. Ordered from least to most. */
public enum Role {
  /** Reads debates, agents, rankings, receipts and memory; manages its own read-only API keys. */
  VIEWER(EnumSet.of(DEBATES_READ, AGENTS_READ, RANKINGS_READ, RECEIPTS_READ, MEMORY_READ, KEYS_MANAGE, USAGE_READ)),
  /** A viewer that also starts and cancels debates. */
  MEMBER(EnumSet.of(DEBATES_READ, AGENTS_READ, RANKINGS_READ, RECEIPTS_READ, MEMORY_READ, KEYS_MANAGE, USAGE_READ,
      DEBATES_CREATE, DEBATES_CANCEL)),
  /**
   * Everything, including the tenant's users, everyone's keys and sessions; metrics, the full health
   * document and tenants only for operators ({@link Permission#operatorOnly}).
   */
  ADMIN(EnumSet.allOf(Permission.class));

  private final Set<Permission> permissions;

  Role(EnumSet<Permission> permissions) {
    this.permissions = Set.copyOf(permissions);
  }

  public Set<Permission> permissions() {
    return permissions;
  }

  public boolean can(Permission permission) {
    return permissions.contains(permission);
  }

  /** The lesser of this role and {@code other}. */
  public Role atMost(Role other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** admin, member or viewer (any case). */
  public static Role fromWire(String text) {
    String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (Role role : values()) if (role.name().equals(name)) return role;
    throw new IllegalArgumentException("role must be admin, member or viewer, got '" + text + "'");
  }
}
