package dev.aragora.server.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.testing.WsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /ws over a real socket against the running App: subscribe, replay, live, resume, unsubscribe, errors. */
class StreamWebSocketTest {
  @TempDir
  static Path dataDir;
  private static StreamServer server;

  @BeforeAll
  static void start() {
    // Limits out of the way here; StreamLimitsTest checks each of them.
    server = StreamServer.start(dataDir, Map.of("ARAGORA_WS_MAX_PER_IP", "1000", "ARAGORA_WS_CONN_RATE", "100000",
        "ARAGORA_WS_MSG_RATE", "10000", "ARAGORA_WS_MSG_BURST", "10000"));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  private static List<Long> seqs(List<JsonNode> events) {
    return events.stream().map(e -> e.get("seq").asLong()).toList();
  }

  private static String subscribe(String id, long since) {
    return "{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\",\"since\":" + since + "}";
  }

  @Test
  void aSubscriberOfALiveDebateGetsEverySeqOnceUpToDebateEndExactlyAsStored() throws Exception {
    server.closeGate();
    String id = server.createDebate("Should cities ban cars downtown?", StreamServer.GATED_TEAM);
    try (WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send("{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\"}");
      JsonNode subscribed = client.expect("subscribed");
      assertThat(subscribed.get("debate_id").asText()).isEqualTo(id);
      assertThat(subscribed.get("since").asLong()).isZero();
      server.allowCalls(1000);

      List<JsonNode> events = client.eventsUntilDebateEnd(id);
      server.awaitFinished(id);
      List<JsonNode> stored = server.storedEvents(id);
      assertThat(seqs(events)).isEqualTo(seqs(stored)).startsWith(1L).doesNotHaveDuplicates();
      assertThat(events).isEqualTo(stored);
      assertThat(events.getFirst().get("type").asText()).isEqualTo("debate_start");
      assertThat(client.untilPong()).isEmpty();
    }
  }

  @Test
  void resumingWithSinceGetsExactlyTheLaterEvents() throws Exception {
    String id = server.finishedDebate("Is remote work here to stay?");
    List<JsonNode> stored = server.storedEvents(id);
    int k = stored.size() / 2;
    try (WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send(subscribe(id, k));
      assertThat(client.expect("subscribed").get("since").asLong()).isEqualTo(k);

      List<JsonNode> events = client.eventsUntilDebateEnd(id);
      assertThat(events).isEqualTo(stored.subList(k, stored.size()));
      assertThat(events.getFirst().get("seq").asLong()).isEqualTo(k + 1);
    }
  }

  @Test
  void theDebateIdOnTheConnectUrlSubscribesFromTheStart() throws Exception {
    String id = server.finishedDebate("Should we fund public libraries more?");
    try (WsClient client = WsClient.connect(server.ws("/ws?debate_id=" + id))) {
      JsonNode subscribed = client.expect("subscribed");
      assertThat(subscribed.get("debate_id").asText()).isEqualTo(id);
      assertThat(subscribed.get("since").asLong()).isZero();
      assertThat(client.eventsUntilDebateEnd(id)).isEqualTo(server.storedEvents(id));
    }
  }

  @Test
  void afterUnsubscribedNoMoreEventsOfThatDebateArrive() throws Exception {
    server.closeGate();
    String id = server.createDebate("Should taxes on sugar rise?", StreamServer.GATED_TEAM);
    try (WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send(subscribe(id, 0));
      client.expect("subscribed");
      assertThat(client.next().get("type").asText()).isEqualTo("debate_start");
      client.send("{\"type\":\"unsubscribe\",\"debate_id\":\"" + id + "\"}");
      JsonNode message;
      do {
        message = client.next();
      } while (!message.path("type").asText().equals("unsubscribed"));
      assertThat(message.get("debate_id").asText()).isEqualTo(id);

      server.allowCalls(1000);
      server.awaitFinished(id);
      assertThat(client.untilPong()).isEmpty();
    }
  }

  @Test
  void aSubscriberOfOneDebateGetsNothingOfAnother() throws Exception {
    server.closeGate();
    String watched = server.createDebate("Should schools start later?", StreamServer.GATED_TEAM);
    String other = server.createDebate("Should museums be free?", StreamServer.GATED_TEAM);
    try (WsClient client = WsClient.connect(server.ws("/ws")); WsClient bystander = WsClient.connect(server.ws("/ws"))) {
      client.send(subscribe(watched, 0));
      client.expect("subscribed");
      server.allowCalls(1000);

      assertThat(client.eventsUntilDebateEnd(watched)).isEqualTo(server.storedEvents(watched));
      server.awaitFinished(other);
      assertThat(server.storedEvents(other)).isNotEmpty();
      assertThat(client.untilPong()).isEmpty();
      assertThat(bystander.untilPong()).isEmpty();
    }
  }

  @Test
  void oneSocketCanFollowSeveralDebates() throws Exception {
    String first = server.finishedDebate("Is nuclear power green?");
    String second = server.finishedDebate("Should voting be compulsory?");
    try (WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send(subscribe(first, 0));
      client.expect("subscribed");
      assertThat(client.eventsUntilDebateEnd(first)).isEqualTo(server.storedEvents(first));
      client.send(subscribe(second, 0));
      client.expect("subscribed");
      assertThat(client.eventsUntilDebateEnd(second)).isEqualTo(server.storedEvents(second));
    }
  }

  @Test
  void badMessagesGetAnErrorAndTheSocketStaysOpen() throws Exception {
    try (WsClient client = WsClient.connect(server.ws("/ws"))) {
      client.send("{not json");
      assertThat(client.expect("error").get("code").asText()).isEqualTo("invalid_json");
      client.send("{\"type\":\"ping\"} {\"type\":\"ping\"}");
      assertThat(client.expect("error").get("code").asText()).isEqualTo("invalid_json");
      client.send("[1,2]");
      assertThat(client.expect("error").get("code").asText()).isEqualTo("invalid_message");
      client.send("{\"type\":\"shout\"}");
      JsonNode unknown = client.expect("error");
      assertThat(unknown.get("code").asText()).isEqualTo("unknown_type");
      assertThat(unknown.get("message").asText()).contains("shout");
      client.send("{\"type\":\"subscribe\"}");
      assertThat(client.expect("error").get("code").asText()).isEqualTo("missing_debate_id");
      client.send("{\"type\":\"unsubscribe\"}");
      assertThat(client.expect("error").get("code").asText()).isEqualTo("missing_debate_id");
      client.send(subscribe("deb_nope", 0));
      JsonNode notFound = client.expect("error");
      assertThat(notFound.get("code").asText()).isEqualTo("not_found");
      assertThat(notFound.get("message").asText()).contains("deb_nope");
      client.send("{\"type\":\"subscribe\",\"debate_id\":\"deb_nope\",\"since\":-1}");
      assertThat(client.expect("error").get("code").asText()).isEqualTo("invalid_since");
      client.send("{\"type\":\"ping\"}");
      client.expect("pong");
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void subscriptionsPerSocketAreCappedAtOneHundred() throws Exception {
    server.closeGate();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i <= 100; i++) ids.add(server.createDebate("Cap " + i + "?", StreamServer.GATED_TEAM));
    try (WsClient client = WsClient.connect(server.ws("/ws"))) {
      for (int i = 0; i < 100; i++) {
        client.send(subscribe(ids.get(i), 0));
        // Wait for each reply, skipping the events of the debates that are already running.
        JsonNode message;
        do {
          message = client.next();
        } while (message.has("seq"));
        assertThat(message.get("type").asText()).as(message.toString()).isEqualTo("subscribed");
      }
      client.send(subscribe(ids.get(100), 0));
      JsonNode message;
      do {
        message = client.next();
      } while (message.has("seq"));
      assertThat(message.get("type").asText()).isEqualTo("error");
      assertThat(message.get("code").asText()).isEqualTo("too_many_subscriptions");
      assertThat(message.get("message").asText()).contains("100");
    } finally {
      server.allowCalls(1_000_000);
      for (String id : ids) server.awaitFinished(id);
    }
  }

  @Test
  void healthCountsOpenWebSockets() throws Exception {
    int before = server.websocketConnections();
    WsClient first = WsClient.connect(server.ws("/ws"));
    WsClient second = WsClient.connect(server.ws("/ws"));
    first.untilPong();
    second.untilPong();
    assertThat(server.websocketConnections()).isEqualTo(before + 2);
    first.close();
    second.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.websocketConnections() == before);
  }
}
