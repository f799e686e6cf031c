package dev.aragora.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches Javalin (a bad request line or Host,
 * an illegal path, a URI or headers too long, a refused WebSocket handshake): the API's one error
 * shape {@code {"error":{"code","message"}}} for every method and whatever the client accepts,
 * instead of Jetty's HTML page, which echoes the URI with its query (and so any
 * {@code ?access_token=}) and which Jetty leaves empty for methods other than GET and POST.
 *
 * <p>A request line without an HTTP version (HTTP/0.9) or with one Jetty does not speak is a bad
 * request, answered 400 rather than Jetty's 505: statuses of 500 and above mean this server failed,
 * and alerts and error budgets count them.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final String SERVLET_ERROR_MESSAGE = "jakarta.servlet.error.message";

  private final ObjectMapper mapper;

  public JsonErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String message = request.getAttribute(ERROR_MESSAGE) instanceof String text ? text
        : request.getAttribute(SERVLET_ERROR_MESSAGE) instanceof String text ? text : null;
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refusal) {
      status = refusal.getCode();
      if (message == null) message = refusal.getReason();
    }
    String code = code(status);
    if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
      status = HttpStatus.BAD_REQUEST_400;
      code = "unsupported_http_version";
      message = "the request line must end with HTTP/1.0 or HTTP/1.1";
    }
    // Never an exception's text: Jetty's own reasons ("Illegal Path Character") or the status's phrase.
    if (message == null || message.isBlank() || status >= 500) message = HttpStatus.getMessage(status);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (HttpStatus.hasNoBody(status)) {
      callback.succeeded();
      return true;
    }
    byte[] body = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    if ("HEAD".equals(request.getMethod())) callback.succeeded();
    else response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private byte[] body(String code, String message) {
    ObjectNode body = mapper.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error", e);
    }
  }

  /** The error code of an HTTP status, as every API error names it. */
  public static String code(int status) {
    return switch (status) {
      case 400 -> "invalid_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 417 -> "expectation_failed";
      case 431 -> "headers_too_large";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }
}
