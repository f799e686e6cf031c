package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aragora.server.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every WebSocket limit of the scaling guide, each on its own App: a violation closes with a code and a reason. */
class StreamLimitsTest {
  private static final int POLICY_VIOLATION = 1008;
  private static final int MESSAGE_TOO_BIG = 1009;
  private static final int GOING_AWAY = 1001;

  @TempDir
  Path dataDir;

  /** A ping message padded with spaces to exactly {@code bytes} bytes. */
  private static String pingOfSize(int bytes) {
    String ping = "{\"type\":\"ping\"}";
    return ping + " ".repeat(bytes - ping.length());
  }

  @Test
  void aMessageLargerThanTheMaximumClosesWith1009() throws Exception {
    try (StreamServer server = StreamServer.start(dataDir, Map.of());
         WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send(pingOfSize(65_536));
      client.expect("pong");

      client.trySend(pingOfSize(65_537));
      WsClient.Closed closed = client.awaitClose();
      assertThat(closed.code()).isEqualTo(MESSAGE_TOO_BIG);
      assertThat(closed.reason()).isNotBlank();
    }
  }

  @Test
  void theMaximumMessageSizeComesFromTheEnvironment() throws Exception {
    try (StreamServer server = StreamServer.start(dataDir, Map.of("ARAGORA_WS_MAX_MESSAGE_SIZE", "1024"));
         WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send(pingOfSize(1024));
      client.expect("pong");
      client.trySend(pingOfSize(1025));
      assertThat(client.awaitClose().code()).isEqualTo(MESSAGE_TOO_BIG);
    }
  }

  @Test
  void theEleventhConnectionFromOneAddressClosesWith1008AndTheTenStayOpen() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    try (StreamServer server = StreamServer.start(dataDir, Map.of())) {
      for (int i = 0; i < 10; i++) {
        WsClient client = WsClient.connect(server.ws("/ws"));
        clients.add(client);
        client.untilPong();
      }
      assertThat(server.websocketConnections()).isEqualTo(10);
      WsClient eleventh = WsClient.connect(server.ws("/ws"));
      clients.add(eleventh);
      WsClient.Closed closed = eleventh.awaitClose();
      assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
      assertThat(closed.reason()).contains("too many connections").contains("ARAGORA_WS_MAX_PER_IP=10");
      for (WsClient client : clients.subList(0, 10)) assertThat(client.untilPong()).isEmpty();
      assertThat(server.websocketConnections()).isEqualTo(10);

      // A closed one frees its place.
      clients.getFirst().close();
      await().atMost(Duration.ofSeconds(10)).until(() -> server.websocketConnections() == 9);
      WsClient again = WsClient.connect(server.ws("/ws"));
      clients.add(again);
      assertThat(again.untilPong()).isEmpty();
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void theAddressOfASocketIsItsPeerUnlessThePeerIsATrustedProxy() throws Exception {
    List<WsClient> clients = new ArrayList<>();
    try (StreamServer direct = StreamServer.start(dataDir, Map.of("ARAGORA_WS_MAX_PER_IP", "1"))) {
      WsClient first = WsClient.connect(direct.ws("/ws"), "X-Forwarded-For", "203.0.113.1");
      clients.add(first);
      assertThat(first.untilPong()).isEmpty();
      // A made-up X-Forwarded-For from an untrusted peer changes nothing.
      WsClient spoofed = WsClient.connect(direct.ws("/ws"), "X-Forwarded-For", "203.0.113.2");
      clients.add(spoofed);
      assertThat(spoofed.awaitClose().reason()).contains("ARAGORA_WS_MAX_PER_IP=1");
    } finally {
      clients.forEach(WsClient::close);
      clients.clear();
    }
    try (StreamServer proxied = StreamServer.start(dataDir.resolve("proxied"),
        Map.of("ARAGORA_WS_MAX_PER_IP", "1", "ARAGORA_TRUSTED_PROXIES", "127.0.0.1,::1"))) {
      for (String client : List.of("203.0.113.1", "203.0.113.2")) {
        WsClient socket = WsClient.connect(proxied.ws("/ws"), "X-Forwarded-For", "198.51.100.9, " + client);
        clients.add(socket);
        assertThat(socket.untilPong()).isEmpty();
      }
      assertThat(proxied.websocketConnections()).isEqualTo(2);
      WsClient again = WsClient.connect(proxied.ws("/ws"), "X-Forwarded-For", "203.0.113.1");
      clients.add(again);
      assertThat(again.awaitClose().reason()).contains("too many connections");
    } finally {
      clients.forEach(WsClient::close);
    }
  }

  @Test
  void connectingFasterThanTheRateClosesWith1008() throws Exception {
    try (StreamServer server = StreamServer.start(dataDir, Map.of("ARAGORA_WS_CONN_RATE", "5"))) {
      for (int i = 0; i < 5; i++) {
        try (WsClient client = WsClient.connect(server.ws("/ws"))) {
          assertThat(client.untilPong()).isEmpty();
        }
      }
      try (WsClient sixth = WsClient.connect(server.ws("/ws"))) {
        WsClient.Closed closed = sixth.awaitClose();
        assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
        assertThat(closed.reason()).contains("connection rate exceeded").contains("ARAGORA_WS_CONN_RATE=5");
      }
    }
  }

  @Test
  void aBurstWithinTheLimitIsServedAndMoreMessagesThanTheRateCloseWith1008() throws Exception {
    try (StreamServer server = StreamServer.start(dataDir, Map.of());
         WsClient client = WsClient.connect(server.ws("/ws"))) {
      for (int i = 0; i < 20; i++) client.send("{\"type\":\"ping\"}");
      for (int i = 0; i < 20; i++) client.expect("pong");

      // 10/s refills far slower than this loop sends, so the bucket runs dry within a few messages.
      // Only a little past the bucket: a client still sending after the server's close can get a
      // connection reset before it reads the close frame, and then sees no close code at all.
      for (int i = 0; i < 30 && !client.isClosed(); i++) {
        if (!client.trySend("{\"type\":\"ping\"}")) break;
        Thread.sleep(1);
      }
      WsClient.Closed closed = client.awaitClose();
      assertThat(closed.code()).isEqualTo(POLICY_VIOLATION);
      assertThat(closed.reason()).contains("message rate exceeded").contains("ARAGORA_WS_MSG_RATE=10")
          .contains("ARAGORA_WS_MSG_BURST=20");
    }
  }

  @Test
  void aClientThatNeverAnswersPingsIsClosedWith1001AfterTwoHeartbeats() throws Exception {
    try (StreamServer server = StreamServer.start(dataDir, Map.of("ARAGORA_WS_HEARTBEAT", "1"));
         RawWebSocket silent = new RawWebSocket(server.port(), "/ws")) {
      int pings = 0;
      RawWebSocket.Frame frame;
      while ((frame = silent.read()).opcode() != RawWebSocket.CLOSE) {
        if (frame.opcode() == RawWebSocket.PING) pings++;
      }
      assertThat(pings).isGreaterThanOrEqualTo(1);
      assertThat(frame.closeCode()).isEqualTo(GOING_AWAY);
      assertThat(frame.text()).contains("no pong").contains("ARAGORA_WS_HEARTBEAT");
      await().atMost(Duration.ofSeconds(10)).until(() -> server.websocketConnections() == 0);
    }
  }

  @Test
  void aClientThatAnswersPingsStaysConnectedPastManyHeartbeats() throws Exception {
    try (StreamServer server = StreamServer.start(dataDir, Map.of("ARAGORA_WS_HEARTBEAT", "1"));
         RawWebSocket polite = new RawWebSocket(server.port(), "/ws")) {
      int pings = 0;
      while (pings < 4) {
        RawWebSocket.Frame frame = polite.read();
        assertThat(frame.opcode()).as("no close while answering pings").isNotEqualTo(RawWebSocket.CLOSE);
        if (frame.opcode() == RawWebSocket.PING) {
          pings++;
          polite.send(RawWebSocket.PONG, frame.payload());
        }
      }
      polite.sendText("{\"type\":\"ping\"}");
      RawWebSocket.Frame frame;
      do {
        frame = polite.read();
        if (frame.opcode() == RawWebSocket.PING) polite.send(RawWebSocket.PONG, frame.payload());
      } while (frame.opcode() == RawWebSocket.PING);
      assertThat(frame.opcode()).isEqualTo(RawWebSocket.TEXT);
      assertThat(frame.text()).contains("pong");
    }
  }
}
