package dev.aragora.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statsd lines arrive over UDP at a local socket, one per datagram. */
class StatsdListenerTest {
  @Test
  void eachCountIsOneStatsdLine() throws Exception {
    try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
         StatsdListener statsd = new StatsdListener("127.0.0.1", daemon.getLocalPort(), "aragora")) {
      daemon.setSoTimeout(5_000);
      statsd.apiCall("alpha");
      statsd.billed("alpha", Quota.TOKENS, 1234);
      statsd.usage("beta", Quota.DEBATES, 3, 4);
      statsd.usage("beta", Quota.STORAGE, 10, 0);

      assertThat(receive(daemon, 5)).containsExactly(
          "aragora.tenant.alpha.requests:1|c",
          "aragora.tenant.alpha.billing.tokens:1234|c",
          "aragora.tenant.beta.quota.debates.used:3|g",
          "aragora.tenant.beta.quota.debates.ratio:0.7500|g",
          "aragora.tenant.beta.quota.storage.used:10|g");
    }
  }

  @Test
  void anUnreachableDaemonNeverFailsTheCaller() {
    try (StatsdListener statsd = new StatsdListener("no-such-host.invalid", 8125, "aragora")) {
      statsd.apiCall("alpha");
      statsd.billed("alpha", Quota.DEBATES, 1);
    }
  }

  static List<String> receive(DatagramSocket daemon, int lines) throws Exception {
    List<String> received = new ArrayList<>();
    byte[] buffer = new byte[1500];
    while (received.size() < lines) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      daemon.receive(packet);
      received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }
    return received;
  }
}
