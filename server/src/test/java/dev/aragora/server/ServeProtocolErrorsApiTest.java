package dev.aragora.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.RawHttp;
import dev.aragora.server.testing.TestAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before they reach a route (a bad request line or Host, an illegal or
 * ambiguous path, a URI or headers too long, a refused WebSocket handshake) get the API's JSON error
 * for every method and whatever the client accepts, never Jetty's HTML page (which echoed the query,
 * tokens included) nor an empty body, and never a 5xx.
 */
class ServeProtocolErrorsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "Authorization: " + TestAuth.BEARER + "\r\n";

  @TempDir
  static Path dataDir;
  private static App app;

  @BeforeAll
  static void start() {
    app = TestAuth.start(Map.of("ARAGORA_DATA_DIR", dataDir.toString(), "ARAGORA_SIMILARITY_BACKEND", "tfidf"));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  private static RawHttp.Response send(String head) {
    return RawHttp.exchange(app.port(), head.replace("{host}", "127.0.0.1:" + app.port()), null, false,
        Duration.ofSeconds(10));
  }

  private static RawHttp.Response request(String method, String target, String... headers) {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: {host}\r\n" + TOKEN);
    for (String header : headers) head.append(header).append("\r\n");
    return send(head.append("Connection: close\r\n\r\n").toString());
  }

  /** The error code of a JSON error answer, failing unless the answer is one. */
  private static String errorCode(RawHttp.Response response) throws Exception {
    assertThat(response.header("Content-Type")).as(response.bodyText()).startsWith("application/json");
    JsonNode body = JSON.readTree(response.bodyText());
    assertThat(body.at("/error/message").isTextual()).as(response.bodyText()).isTrue();
    return body.at("/error/code").asText();
  }

  @Test
  void anAmbiguousPathIsAJsonErrorForEveryMethodAndEveryAccept() throws Exception {
    for (String method : List.of("GET", "POST", "DELETE", "PUT", "OPTIONS", "PATCH")) {
      for (String accept : List.of("Accept: */*", "Accept: text/event-stream", "Accept: application/xml")) {
        RawHttp.Response response = request(method, "/api/v2/debates/..;/auth/users", accept);
        assertThat(response.status()).as(method + " " + accept).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("invalid_request");
      }
    }
  }

  @Test
  void badHostsAndOversizedRequestsAreJsonErrors() throws Exception {
    RawHttp.Response badHost = request("DELETE", "/api/v2/debates", "Host: a b");
    assertThat(badHost.status()).isEqualTo(400);
    assertThat(errorCode(badHost)).isEqualTo("invalid_request");
    RawHttp.Response bigHeader = request("GET", "/api/v2/debates", "X-Big: " + "y".repeat(20_000));
    assertThat(bigHeader.status()).isEqualTo(431);
    assertThat(errorCode(bigHeader)).isEqualTo("headers_too_large");
    RawHttp.Response longUri = request("GET", "/api/v2/debates/" + "x".repeat(9_000));
    assertThat(longUri.status()).isEqualTo(414);
    assertThat(errorCode(longUri)).isEqualTo("uri_too_long");
    RawHttp.Response illegal = request("GET", "/api/v2/debates/%ff%fe");
    assertThat(illegal.status()).isEqualTo(400);
    assertThat(errorCode(illegal)).isEqualTo("invalid_request");
  }

  @Test
  void anErrorNeverEchoesTheQueryAndItsAccessToken() throws Exception {
    String token = "eyJ.secret-looking-token.xyz";
    RawHttp.Response response = request("GET", "/api/v2/debates/%ff/events?access_token=" + token,
        "Accept: application/json");
    assertThat(response.status()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("invalid_request");
    assertThat(response.bodyText()).doesNotContain(token, "access_token", "http://");
  }

  @Test
  void aPercentUEscapeInThePathIsABadRequestNotAServerError() throws Exception {
    // Javalin could not decode it as a path parameter: this was a 500.
    for (String target : List.of("/api/v2/debates/%u002e", "/api/debates/%u002e/cancel")) {
      RawHttp.Response response = request(target.endsWith("cancel") ? "POST" : "GET", target);
      assertThat(response.status()).as(target).isEqualTo(400);
      assertThat(errorCode(response)).isEqualTo("invalid_request");
    }
  }

  @Test
  void aRequestLineWithoutAnHttpVersionIsABadRequestNot505() throws Exception {
    RawHttp.Response response = send("GET /api/v2/debates\r\n\r\n");
    assertThat(response.status()).isEqualTo(400);
    assertThat(errorCode(response)).isEqualTo("unsupported_http_version");
  }

  @Test
  void aWebSocketHandshakeWhoseQueryIsNotUtf8IsABadRequestNotAServerError() throws Exception {
    // Jetty's upgrade decoded "%e9" strictly after the handshake was accepted: a 500.
    for (String query : List.of("debate_id=%e9", "debate_id=%e2%82", "x=%c0%ae")) {
      RawHttp.Response response = send("GET /ws?" + query + " HTTP/1.1\r\nHost: {host}\r\n" + TOKEN
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n");
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(errorCode(response)).isEqualTo("invalid_request");
    }
  }

  @Test
  void aRefusedWebSocketHandshakeAnswersTheJsonError() throws Exception {
    RawHttp.Response response = send("GET /ws?access_token=not-a-token HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(errorCode(response)).isEqualTo("unauthorized");
    assertThat(response.bodyText()).doesNotContain("not-a-token");
  }
}
