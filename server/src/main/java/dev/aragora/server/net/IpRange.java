package dev.aragora.server.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;

/**
 * One address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}).
 * IPv4 and IPv6 never match each other, except that an IPv4-mapped IPv6 address is its IPv4 address.
 */
public record IpRange(InetAddress network, int prefixLength) {
  public IpRange {
    requireNonNull(network, "network is null");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits)
      throw new IllegalArgumentException("prefix length must be from 0 to " + bits);
    network = masked(network, prefixLength);
  }

  /** Parses {@code 192.168.0.0/16} or a single address; the message names what is wrong. */
  public static IpRange parse(String text) {
    String s = requireNonNull(text, "text is null").strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    InetAddress network = IpAddresses.parse(address)
        .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block"));
    int bits = network.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits)
        throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0 to " + bits);
    }
    return new IpRange(network, prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) return false;
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) if (a[i] != n[i]) return false;
    int rest = prefixLength % 8;
    if (rest == 0) return true;
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (n[full] & mask);
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      bytes[i] = (byte) (bytes[i] & ((0xFF << (8 - keep)) & 0xFF));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return IpAddresses.text(network) + "/" + prefixLength;
  }
}
