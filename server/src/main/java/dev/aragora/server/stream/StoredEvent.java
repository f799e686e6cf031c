package dev.aragora.server.stream;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** A stored envelope with the two fields streaming needs, read without building a tree. */
record StoredEvent(long seq, String type, String json) {
  private static final JsonFactory JSON = new JsonFactory();

  StoredEvent {
    requireNonNull(type, "type is null");
    requireNonNull(json, "json is null");
  }

  static StoredEvent parse(String json) {
    long seq = -1;
    String type = null;
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) throw new IllegalArgumentException("envelope is not an object");
      while (parser.nextToken() == JsonToken.FIELD_NAME && (seq < 0 || type == null)) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "seq" -> seq = parser.getLongValue();
          case "type" -> type = parser.getText();
          default -> parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("stored envelope is unreadable", e);
    }
    if (seq < 1 || type == null) throw new IllegalArgumentException("stored envelope has no seq or type");
    return new StoredEvent(seq, type, json);
  }
}
