package dev.aragora.core.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scripted HTTP response for {@link FakeVendorServer}: status, headers and a body sent as
 * chunks. A single undelayed chunk is sent with a Content-Length; anything else is streamed
 * chunk by chunk (flushed each time), each after its delay.
 *
 * @param headersDelay how long to wait before sending the status line (a slow first byte)
 */
public record Scripted(int status, Map<String, String> headers, List<Chunk> chunks, Duration headersDelay) {
  /** Part of a body, sent after {@code delayBefore}. An empty text with a delay just holds the connection open. */
  public record Chunk(String text, Duration delayBefore) {
    public Chunk {
      requireNonNull(text, "text is null");
      requireNonNull(delayBefore, "delayBefore is null");
    }
  }

  public Scripted {
    headers = Map.copyOf(headers);
    chunks = List.copyOf(chunks);
    requireNonNull(headersDelay, "headersDelay is null");
  }

  /** A JSON body with the given status. */
  public static Scripted json(int status, String body) {
    return new Scripted(status, Map.of("content-type", "application/json"), List.of(new Chunk(body, Duration.ZERO)), Duration.ZERO);
  }

  /** 200 with a JSON body. */
  public static Scripted ok(String body) {
    return json(200, body);
  }

  /** 200 {@code text/event-stream}; each element (one or more whole events) is flushed as its own chunk. */
  public static Scripted sse(List<String> events) {
    return sse(events, Duration.ZERO);
  }

  /** Like {@link #sse(List)}, waiting {@code gap} before each chunk after the first. */
  public static Scripted sse(List<String> events, Duration gap) {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) chunks.add(new Chunk(events.get(i), i == 0 ? Duration.ZERO : gap));
    return new Scripted(200, Map.of("content-type", "text/event-stream", "cache-control", "no-cache"), chunks, Duration.ZERO);
  }

  /** Any status, content type and body, sent in one piece. */
  public static Scripted text(int status, String contentType, String body) {
    return new Scripted(status, Map.of("content-type", contentType), List.of(new Chunk(body, Duration.ZERO)), Duration.ZERO);
  }

  public Scripted withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Scripted(status, copy, chunks, headersDelay);
  }

  public Scripted withHeadersDelay(Duration delay) {
    return new Scripted(status, headers, chunks, delay);
  }

  /** After the body so far, keeps the connection open for {@code duration} before ending it (a stalled stream). */
  public Scripted thenStall(Duration duration) {
    List<Chunk> copy = new ArrayList<>(chunks);
    copy.add(new Chunk("", duration));
    return new Scripted(status, headers, copy, headersDelay);
  }

  boolean streamed() {
    return chunks.size() > 1 || chunks.stream().anyMatch(c -> !c.delayBefore().isZero());
  }
}
