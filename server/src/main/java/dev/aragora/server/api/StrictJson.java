package dev.aragora.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Client JSON read as exactly one value. Jackson by default stops after the first value and ignores
 * whatever follows it, so {@code {"task":"a"} {"task":"b"}} would be taken as the first object.
 */
public final class StrictJson {
  private StrictJson() {}

  public static JsonNode read(ObjectMapper mapper, byte[] bytes) throws IOException {
    return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
  }

  public static JsonNode read(ObjectMapper mapper, String text) throws JsonProcessingException {
    return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
  }

  /**
   * What is wrong with the client's JSON, in words for the client: the parser's own message
   * without the Java class and method names Jackson adds to some of them.
   */
  public static String describe(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Trailing token")) return "more content follows the JSON value";
    return message.replaceAll(", from `[^`]*`", "").replaceAll(" \\(bound as `[^`]*`\\)", "");
  }
}
