package dev.aragora.core.provider.http;

import static java.util.Objects.requireNonNull;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} name; empty when the server sent none
 * @param data the {@code data:} lines joined with {@code \n}
 */
public record SseEvent(String event, String data) {
  public SseEvent {
    requireNonNull(event, "event is null");
    requireNonNull(data, "data is null");
  }
}
