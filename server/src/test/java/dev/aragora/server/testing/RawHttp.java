package dev.aragora.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), sending
 * exactly the bytes it is given: request lines, targets and header values that java.net.http
 * refuses to send (raw quotes, spaces, bytes above 0x7f, NUL, bad methods) go out as written.
 * Text is taken as ISO-8859-1, one char per byte. The body is written on its own thread while the
 * answer is read, so a server that answers early (413) and closes is still heard.
 */
public final class RawHttp {
  /** An answer, or {@code status} -1 with {@code failure} saying why there was none. */
  public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body, String failure) {
    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
      for (Map.Entry<String, String> h : headers) if (h.getKey().equalsIgnoreCase(name)) return h.getValue();
      return null;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The status line and headers as text (for searching them). */
    public String headText() {
      StringBuilder text = new StringBuilder();
      for (Map.Entry<String, String> h : headers) text.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
      return text.toString();
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code head} (request line and headers up to and including the blank line) then {@code body}
   * (null for none), chunked when {@code chunked}; waits at most {@code timeout} for each read.
   */
  public static Response exchange(int port, String head, byte[] body, boolean chunked, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      Thread writer = null;
      if (body != null && body.length > 0) {
        writer = Thread.ofVirtual().start(() -> {
          try {
            writeBody(out, body, chunked);
          } catch (IOException e) {
            // The server answered and closed before taking it all (a refused body): the answer is read below.
          }
        });
      } else if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
      byte[] all;
      try {
        all = readAll(socket.getInputStream(), head.startsWith("HEAD "));
      } catch (SocketTimeoutException e) {
        return new Response(-1, List.of(), new byte[0], "no complete answer within " + timeout);
      } catch (IOException e) {
        return new Response(-1, List.of(), new byte[0], "connection failed while reading: " + e);
      } finally {
        if (writer != null) writer.interrupt();
      }
      return parse(all);
    } catch (IOException e) {
      return new Response(-1, List.of(), new byte[0], "connection failed: " + e);
    }
  }

  private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
    if (!chunked) {
      for (int at = 0; at < body.length; at += 64 * 1024) out.write(body, at, Math.min(64 * 1024, body.length - at));
    } else {
      int size = 8 * 1024;
      for (int at = 0; at < body.length; at += size) {
        int n = Math.min(size, body.length - at);
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, at, n);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.flush();
  }

  /**
   * Reads to the end of the stream, but stops early once a Content-Length answer is complete (for
   * a HEAD, once the head is: its Content-Length is that of the body a GET would have had).
   */
  private static byte[] readAll(InputStream in, boolean headRequest) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    int headEnd = -1;
    long contentLength = -1;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException e) {
        // A reset after a complete answer (the server closed on an unread body) still counts.
        if (complete(all.size(), headEnd, contentLength)) break;
        throw e;
      }
      if (n < 0) break;
      all.write(buffer, 0, n);
      if (headEnd < 0) {
        byte[] bytes = all.toByteArray();
        headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headEnd >= 0) contentLength = headRequest ? 0 : contentLength(new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1));
      }
      if (complete(all.size(), headEnd, contentLength)) break;
    }
    return all.toByteArray();
  }

  private static boolean complete(int size, int headEnd, long contentLength) {
    return headEnd >= 0 && contentLength >= 0 && size >= headEnd + 4 + contentLength;
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("content-length")) {
        try {
          return Long.parseLong(line.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static Response parse(byte[] all) {
    // An interim answer (100 Continue) comes first: the final one follows it.
    while (all.length > 12 && new String(all, 0, 12, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 1\\d\\d")) {
      int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (end < 0) break;
      all = java.util.Arrays.copyOfRange(all, end + 4, all.length);
    }
    int headEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (headEnd < 0) {
      return new Response(-1, List.of(), all, all.length == 0 ? "the connection closed without an answer"
          : "an answer without a complete head: " + new String(all, 0, Math.min(all.length, 200), StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      return new Response(-1, List.of(), all, "a bad status line: " + lines[0]);
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) headers.add(Map.entry(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
    }
    byte[] rest = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
    Response head = new Response(status, headers, rest, null);
    String encoding = head.header("Transfer-Encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) rest = dechunk(rest);
    String length = head.header("Content-Length");
    if (length != null) {
      try {
        int n = Integer.parseInt(length.strip());
        if (n < rest.length) rest = java.util.Arrays.copyOf(rest, n);
      } catch (NumberFormatException e) {
        // keep what came
      }
    }
    return new Response(status, headers, rest, null);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), at);
      if (lineEnd < 0) break;
      String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semicolon = sizeText.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).strip(), 16);
      } catch (NumberFormatException e) {
        break;
      }
      if (size == 0) break;
      int start = lineEnd + 2;
      int n = Math.min(size, chunked.length - start);
      out.write(chunked, start, n);
      at = start + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] needle) {
    return indexOf(bytes, needle, 0);
  }

  private static int indexOf(byte[] bytes, byte[] needle, int from) {
    outer:
    for (int i = from; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (bytes[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
