package dev.aragora.core.provider.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.aragora.core.provider.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads server-sent events from a byte stream. Each event is handed over as soon as its blank line
 * arrives: the reader never waits for bytes beyond it. Lines may end in LF, CR or CRLF. Comment
 * lines ({@code : ping}) and {@code id:}/{@code retry:} fields are skipped. A line longer than
 * {@link #MAX_LINE_BYTES}, or an event whose data exceeds {@link #MAX_EVENT_CHARS} characters, fails with
 * {@link ProviderException.Kind#MALFORMED_RESPONSE} instead of growing without bound.
 */
public final class SseReader {
  public static final int MAX_LINE_BYTES = 1 << 20;
  public static final int MAX_EVENT_CHARS = 4 << 20;

  private final InputStream in;
  private final String provider;
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  private boolean skipLineFeed;
  private byte[] line = new byte[256];
  private int lineLength;

  public SseReader(InputStream in, String provider) {
    this.in = in;
    this.provider = provider;
  }

  /** The next event, or {@code null} at end of stream. A final event without its blank line is still returned. */
  public SseEvent next() throws IOException {
    String event = "";
    StringBuilder data = null;
    while (true) {
      String text = readLine();
      if (text == null) return data == null ? null : new SseEvent(event, data.toString());
      if (text.isEmpty()) {
        if (data != null) return new SseEvent(event, data.toString());
        event = "";
        continue;
      }
      if (text.charAt(0) == ':') continue;
      int colon = text.indexOf(':');
      String field = colon < 0 ? text : text.substring(0, colon);
      String value = colon < 0 ? "" : text.substring(colon + 1);
      if (value.startsWith(" ")) value = value.substring(1);
      switch (field) {
        case "event" -> event = value;
        case "data" -> {
          if (data == null) data = new StringBuilder(value);
          else data.append('\n').append(value);
          if (data.length() > MAX_EVENT_CHARS) throw tooLong("event data", MAX_EVENT_CHARS, "characters");
        }
        default -> { } // id, retry and unknown fields carry nothing we use
      }
    }
  }

  private String readLine() throws IOException {
    lineLength = 0;
    while (true) {
      if (position == limit) {
        int n = in.read(buffer);
        if (n < 0) return lineLength == 0 ? null : decodeLine();
        position = 0;
        limit = n;
        continue;
      }
      byte b = buffer[position++];
      if (skipLineFeed) {
        skipLineFeed = false;
        if (b == '\n') continue;
      }
      if (b == '\n') return decodeLine();
      if (b == '\r') {
        skipLineFeed = true; // a CRLF pair must not read as two line ends; decided on the next byte, never by blocking now
        return decodeLine();
      }
      if (lineLength == MAX_LINE_BYTES) throw tooLong("line", MAX_LINE_BYTES, "bytes");
      if (lineLength == line.length) line = Arrays.copyOf(line, Math.min(line.length * 2, MAX_LINE_BYTES));
      line[lineLength++] = b;
    }
  }

  private String decodeLine() {
    return new String(line, 0, lineLength, UTF_8);
  }

  private ProviderException tooLong(String what, int cap, String unit) {
    return new ProviderException(ProviderException.Kind.MALFORMED_RESPONSE, provider, 0,
        "stream " + what + " longer than " + cap + " " + unit);
  }
}
