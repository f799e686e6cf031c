package dev.aragora.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A small JSON client for the running server in tests; it sends the shared test API token
 * ({@link TestAuth}) unless made with another token or none.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  /** The Authorization header, or null for none. */
  private final String authorization;
  /** Another header sent with every request (name, value), or null. */
  private final String[] extra;

  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public ApiClient(int port) {
    this(port, TestAuth.BEARER);
  }

  private ApiClient(int port, String authorization) {
    this("http://localhost:" + port, authorization, null);
  }

  private ApiClient(String base, String authorization, String[] extra) {
    this.base = base;
    this.authorization = authorization;
    this.extra = extra;
  }

  /** This client sending {@code name: value} with every request too (e.g. the tenant header). */
  public ApiClient withHeader(String name, String value) {
    return new ApiClient(base, authorization, new String[] {name, value});
  }

  public Reply put(String path) {
    return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  /** A client that sends no credentials. */
  public static ApiClient anonymous(int port) {
    return new ApiClient(port, null);
  }

  /** A client that sends {@code Authorization: Bearer <token>}. */
  public static ApiClient withToken(int port, String token) {
    return new ApiClient(port, "Bearer " + token);
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Reply post(String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  /** {@code method} on {@code path} with an empty body (a JSON one for POST). */
  public Reply request(String method, String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody()));
  }

  /** {@code method} on {@code path} with {@code body} (JSON; null for none). */
  public Reply request(String method, String path, String body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> raw(String path) {
    try {
      return http.send(authorize(HttpRequest.newBuilder(uri(path)).GET()).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  /** Polls GET {@code path} until {@code done} holds (at most {@code within}); returns the last body. */
  public JsonNode await(String path, Predicate<JsonNode> done, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      JsonNode body = get(path).body();
      if (done.test(body)) return body;
      assertThat(System.nanoTime()).as("waiting on %s, last: %s", path, body).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private HttpRequest.Builder authorize(HttpRequest.Builder request) {
    if (extra != null) request.header(extra[0], extra[1]);
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(authorize(request).build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode body = type.startsWith("application/json") ? JSON.readTree(response.body()) : null;
      return new Reply(response.statusCode(), body, response);
    } catch (Exception e) {
      throw new AssertionError("request failed", e);
    }
  }
}
