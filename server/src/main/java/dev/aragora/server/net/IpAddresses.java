package dev.aragora.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Strict parsing of IP address literals from untrusted text (X-Forwarded-For entries, settings):
 * never a name lookup. IPv4 is four decimal parts of 0–255 (no octal or short forms); IPv6 is
 * anything the JDK accepts as an IPv6 literal, with or without brackets, zone ids dropped; an
 * IPv4-mapped IPv6 address is its IPv4 address.
 */
public final class IpAddresses {
  private IpAddresses() {}

  /** The address {@code text} names, or empty when it is not an IP literal. */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) return Optional.empty();
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
    if (s.isEmpty() || s.length() > 64) return Optional.empty();
    return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
  }

  /** The canonical text of an address: dotted IPv4, or the JDK's full IPv6 form without a zone. */
  public static String text(InetAddress address) {
    String text = address.getHostAddress();
    int zone = text.indexOf('%');
    return zone < 0 ? text : text.substring(0, zone);
  }

  /** {@code text} as canonical address text when it is an IP literal, else {@code text} unchanged. */
  public static String canonical(String text) {
    return parse(text).map(IpAddresses::text).orElse(text);
  }

  private static Optional<InetAddress> ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) return Optional.empty();
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) return Optional.empty();
      int value = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        if (c < '0' || c > '9') return Optional.empty();
        value = value * 10 + (c - '0');
      }
      if (value > 255) return Optional.empty();
      bytes[i] = (byte) value;
    }
    return byAddress(bytes);
  }

  private static Optional<InetAddress> ipv6(String s) {
    int zone = s.indexOf('%');
    String bare = zone < 0 ? s : s.substring(0, zone);
    for (int i = 0; i < bare.length(); i++) {
      char c = bare.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
      if (!ok) return Optional.empty();
    }
    try {
      // A string with a colon is only ever parsed as a literal by the JDK, never looked up.
      InetAddress address = InetAddress.getByName(bare);
      return byAddress(address.getAddress());
    } catch (UnknownHostException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<InetAddress> byAddress(byte[] bytes) {
    try {
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
