package dev.aragora.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a size limit. */
final class RequestBody {
  private RequestBody() {}

  /** The body, refused with 413 past {@code maxBytes} (declared or actual) without reading more than that. */
  static byte[] read(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) throw tooLarge(maxBytes);
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) throw tooLarge(maxBytes);
      return bytes;
    } catch (IOException e) {
      throw ApiError.badRequest("invalid_request", "request body could not be read");
    }
  }

  /** The body as a JSON object: 400 when it is not JSON or not an object, 413 past {@code maxBytes}. */
  static JsonNode object(Context ctx, ObjectMapper mapper, long maxBytes) {
    JsonNode body;
    try {
      body = StrictJson.read(mapper, read(ctx, maxBytes));
    } catch (IOException e) {
      throw ApiError.badRequest("invalid_json", "the body is not valid JSON");
    }
    if (body == null || !body.isObject()) throw ApiError.badRequest("invalid_request", "the body must be a JSON object");
    return body;
  }

  private static ApiError tooLarge(long maxBytes) {
    return new ApiError(413, "payload_too_large", "request body is larger than " + maxBytes + " bytes");
  }
}
