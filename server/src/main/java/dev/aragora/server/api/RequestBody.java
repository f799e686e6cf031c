package dev.aragora.server.api;

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

  private static ApiError tooLarge(long maxBytes) {
    return new ApiError(413, "payload_too_large", "request body is larger than " + maxBytes + " bytes");
  }
}
