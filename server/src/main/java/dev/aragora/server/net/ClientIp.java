package dev.aragora.server.net;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's address of a request, for the per-IP limits of HTTP and WebSockets alike.
 *
 * <p>The socket peer is the client unless it is one of the trusted proxies
 * (ARAGORA_TRUSTED_PROXIES, none by default). Only then is X-Forwarded-For read: its entries (every
 * such header, in order, comma-separated) are walked from the right, skipping trusted proxies, and
 * the first address that is not a trusted proxy is the client — the right-most untrusted one, the
 * only one a trusted proxy vouches for. Entries left of it are whatever the client wrote and are
 * never used. An entry that is not an IP literal stops the walk at the last address reached; when
 * every entry is a trusted proxy, the left-most one is the client.
 */
public final class ClientIp {
  /** The header the trusted proxies append to. */
  public static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final ClientIp NO_PROXIES = new ClientIp(List.of());

  private final List<IpRange> trusted;

  public ClientIp(List<IpRange> trusted) {
    this.trusted = List.copyOf(requireNonNull(trusted, "trusted is null"));
  }

  /** Trusts no proxy: the socket peer is always the client. */
  public static ClientIp noProxies() {
    return NO_PROXIES;
  }

  public List<IpRange> trusted() {
    return trusted;
  }

  /**
   * The client address of a request whose socket peer is {@code peer} (an address literal) and
   * which carried {@code forwardedFor} (the X-Forwarded-For header values, in order; may be empty).
   */
  public String resolve(String peer, List<String> forwardedFor) {
    Optional<InetAddress> peerAddress = IpAddresses.parse(peer);
    if (peerAddress.isEmpty()) return peer == null ? "unknown" : peer;
    InetAddress current = peerAddress.get();
    if (!isTrusted(current) || forwardedFor == null || forwardedFor.isEmpty()) return IpAddresses.text(current);
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      if (header == null) continue;
      for (String entry : header.split(",")) if (!entry.isBlank()) hops.add(entry.strip());
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = IpAddresses.parse(withoutPort(hops.get(i)));
      if (hop.isEmpty()) break;
      current = hop.get();
      if (!isTrusted(current)) break;
    }
    return IpAddresses.text(current);
  }

  public boolean isTrusted(InetAddress address) {
    for (IpRange range : trusted) if (range.contains(address)) return true;
    return false;
  }

  /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711} as some proxies write them, without the port. */
  private static String withoutPort(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      return close < 0 ? entry : entry.substring(1, close);
    }
    int colon = entry.indexOf(':');
    return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
  }
}
