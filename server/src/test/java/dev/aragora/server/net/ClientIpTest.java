package dev.aragora.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpTest {
  private final ClientIp behindProxies = new ClientIp(List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("192.0.2.7")));

  @Test
  void withoutTrustedProxiesThePeerIsTheClientWhateverXForwardedForSays() {
    assertThat(ClientIp.noProxies().resolve("198.51.100.9", List.of("203.0.113.1"))).isEqualTo("198.51.100.9");
    assertThat(ClientIp.noProxies().resolve("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
  }

  @Test
  void anUntrustedPeerIsTheClientEvenWhenOthersAreTrusted() {
    assertThat(behindProxies.resolve("198.51.100.9", List.of("203.0.113.1, 10.1.1.1"))).isEqualTo("198.51.100.9");
  }

  @Test
  void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
    assertThat(behindProxies.resolve("10.0.0.2", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
    // The client wrote the first entry itself; the trusted proxy appended what it saw.
    assertThat(behindProxies.resolve("10.0.0.2", List.of("1.1.1.1, 203.0.113.1"))).isEqualTo("203.0.113.1");
    // Two trusted hops: the load balancer (192.0.2.7) in front of an ingress (10.0.0.2).
    assertThat(behindProxies.resolve("10.0.0.2", List.of("1.1.1.1, 203.0.113.1, 192.0.2.7"))).isEqualTo("203.0.113.1");
    // Several headers are one list, in order.
    assertThat(behindProxies.resolve("10.0.0.2", List.of("1.1.1.1", "203.0.113.1, 10.9.9.9"))).isEqualTo("203.0.113.1");
  }

  @Test
  void behindATrustedProxyWithoutTheHeaderTheProxyIsTheClient() {
    assertThat(behindProxies.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
  }

  @Test
  void garbageStopsTheWalkAtTheLastAddressReached() {
    assertThat(behindProxies.resolve("10.0.0.2", List.of("203.0.113.1, evil.example, 10.0.0.3"))).isEqualTo("10.0.0.3");
    assertThat(behindProxies.resolve("10.0.0.2", List.of("unknown"))).isEqualTo("10.0.0.2");
  }

  @Test
  void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
    assertThat(behindProxies.resolve("10.0.0.2", List.of("10.0.0.5, 10.0.0.4"))).isEqualTo("10.0.0.5");
  }

  @Test
  void portsAndBracketsAreDroppedAndIpv6IsCanonical() {
    ClientIp v6 = new ClientIp(List.of(IpRange.parse("fd00::/8")));
    assertThat(v6.resolve("fd00::1", List.of("[2001:db8::1]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(behindProxies.resolve("10.0.0.2", List.of("203.0.113.1:4711"))).isEqualTo("203.0.113.1");
    assertThat(behindProxies.resolve("::ffff:10.0.0.2", List.of("203.0.113.1"))).isEqualTo("203.0.113.1");
  }

  @Test
  void rangesMatchByPrefixAndNeverAcrossFamilies() {
    IpRange range = IpRange.parse("172.16.0.0/12");
    assertThat(range.contains(IpAddresses.parse("172.31.255.255").orElseThrow())).isTrue();
    assertThat(range.contains(IpAddresses.parse("172.32.0.0").orElseThrow())).isFalse();
    assertThat(range.contains(IpAddresses.parse("::1").orElseThrow())).isFalse();
    assertThat(IpRange.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
    assertThat(IpRange.parse("0.0.0.0/0").contains(IpAddresses.parse("8.8.8.8").orElseThrow())).isTrue();
    assertThat(IpRange.parse("2001:db8::/32").contains(IpAddresses.parse("2001:db8:ffff::1").orElseThrow())).isTrue();
  }

  @Test
  void onlyStrictLiteralsAreAddressesAndNothingIsLookedUp() {
    assertThat(IpAddresses.parse("localhost")).isEmpty();
    assertThat(IpAddresses.parse("1.2.3")).isEmpty();
    assertThat(IpAddresses.parse("01.2.3.4")).isEmpty();
    assertThat(IpAddresses.parse("256.1.1.1")).isEmpty();
    assertThat(IpAddresses.parse("::g")).isEmpty();
    assertThat(IpAddresses.parse(" 192.0.2.1 ")).isPresent();
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
    assertThatThrownBy(() -> IpRange.parse("proxy.internal")).hasMessageContaining("not an IP address");
  }
}
