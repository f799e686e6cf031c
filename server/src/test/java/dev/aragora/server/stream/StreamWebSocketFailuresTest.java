package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.TcpProxy;
import dev.aragora.server.testing.TempPostgres;
import dev.aragora.server.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /ws when a message cannot be answered, on PostgreSQL behind a proxy that can cut it off: the
 * client gets an {@code error} reply and keeps its socket, never a 1011 close whose reason is the
 * store's error text; a debate id holding NUL (which PostgreSQL refuses in text) is not looked up.
 */
class StreamWebSocketFailuresTest {
  @TempDir
  Path dataDir;

  private static String subscribe(String id) {
    return "{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\"}";
  }

  @Test
  void aSubscribeTheDatabaseCannotAnswerGetsAnErrorReplyAndTheSocketStaysOpen() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         TcpProxy proxy = new TcpProxy(TempPostgres.PORT);
         StreamServer server = StreamServer.start(dataDir, Map.of("DATABASE_URL", postgres.url(proxy.port())))) {
      String id = server.finishedDebate("Will the socket survive the database?");
      try (WsClient client = WsClient.connect(server.ws("/ws"))) {
        proxy.stop();
        client.send(subscribe(id));
        JsonNode error = client.expect("error");
        assertThat(error.get("code").asText()).isEqualTo("database_unavailable");
        assertThat(error.toString()).doesNotContain("ERROR", "Exception", "postgres", "127.0.0.1");
        assertThat(client.untilPong()).isEmpty();
        assertThat(client.isClosed()).isFalse();

        // Once the database is back (the pool notices within moments), the same socket subscribes.
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode reply;
        do {
          Thread.sleep(100);
          client.send(subscribe(id));
          reply = client.next();
        } while (reply.path("code").asText().equals("database_unavailable") && System.nanoTime() < deadline);
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("subscribed");
        assertThat(client.eventsUntilDebateEnd(id)).isNotEmpty();
      }
    }
  }

  @Test
  void aDebateIdWithNulIsRefusedWithAnErrorReplyOnPostgres() throws Exception {
    try (TempPostgres postgres = TempPostgres.create();
         StreamServer server = StreamServer.start(dataDir, Map.of("DATABASE_URL", postgres.url()))) {
      try (WsClient client = WsClient.connect(server.ws("/ws"))) {
        client.send(subscribe("deb_\\u0000x"));
        assertThat(client.expect("error").get("code").asText()).isEqualTo("invalid_debate_id");
        assertThat(client.untilPong()).isEmpty();
      }
      try (WsClient implicit = WsClient.connect(server.ws("/ws?debate_id=deb_%00x"))) {
        assertThat(implicit.expect("error").get("code").asText()).isEqualTo("invalid_debate_id");
        assertThat(implicit.untilPong()).isEmpty();
      }
    }
  }
}
