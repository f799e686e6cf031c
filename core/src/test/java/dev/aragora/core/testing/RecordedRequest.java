package dev.aragora.core.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as {@link FakeVendorServer} received it.
 *
 * @param path the path without the query, e.g. {@code /v1/messages}
 * @param query the raw query, empty when none
 * @param headers lower-cased header names to their values
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public RecordedRequest {
    headers = Map.copyOf(headers);
    query = query == null ? "" : query;
  }

  /** The first value of a header (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public String pathAndQuery() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  public JsonNode json() {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("request body is not JSON: " + body, e);
    }
  }
}
