package dev.aragora.core.provider.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.provider.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  @Test
  void eventNameAndMultiLineDataAreReadTogether() throws IOException {
    List<SseEvent> events = readAll("event: message_start\ndata: {\"a\":1,\ndata: \"b\":2}\n\ndata: second\n\n");

    assertThat(events).containsExactly(new SseEvent("message_start", "{\"a\":1,\n\"b\":2}"), new SseEvent("", "second"));
  }

  @Test
  void commentsPingsIdAndRetryFieldsAreSkipped() throws IOException {
    List<SseEvent> events = readAll(": OPENROUTER PROCESSING\n\n:\nid: 7\nretry: 1000\ndata: x\n\n: keep-alive\n\n");

    assertThat(events).containsExactly(new SseEvent("", "x"));
  }

  @Test
  void crlfAndBareCrLineEndingsAreAccepted() throws IOException {
    List<SseEvent> events = readAll("event: a\r\ndata: one\r\n\r\ndata: two\r\rdata: three\n\n");

    assertThat(events).extracting(SseEvent::data).containsExactly("one", "two", "three");
    assertThat(events.getFirst().event()).isEqualTo("a");
  }

  @Test
  void crlfSplitAcrossReadsCountsAsOneLineEnd() throws IOException {
    List<SseEvent> events = readAll(new OneByteAtATime("data: a\r\n\r\ndata: b\r\n\r\n".getBytes(UTF_8)));

    assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
  }

  @Test
  void valueWithoutSpaceAfterColonAndFieldWithoutColonAreRead() throws IOException {
    List<SseEvent> events = readAll("data:tight\ndata\n\n");

    assertThat(events).containsExactly(new SseEvent("", "tight\n"));
  }

  @Test
  void lastEventWithoutTrailingBlankLineIsStillReturned() throws IOException {
    assertThat(readAll("data: {\"done\":true}")).containsExactly(new SseEvent("", "{\"done\":true}"));
  }

  @Test
  void emptyStreamHasNoEvents() throws IOException {
    assertThat(readAll("")).isEmpty();
    assertThat(readAll("\n\n: only a comment\n\n")).isEmpty();
  }

  @Test
  void multiByteUtf8IsDecoded() throws IOException {
    assertThat(readAll(new OneByteAtATime("data: héllo — 世界\n\n".getBytes(UTF_8))))
        .containsExactly(new SseEvent("", "héllo — 世界"));
  }

  @Test
  void eventIsReturnedWithoutWaitingForLaterBytes() throws IOException {
    // The stream fails any read after the first event: the reader must not need one.
    InputStream firstEventThenFail = new InputStream() {
      private final InputStream first = new ByteArrayInputStream("data: now\r\n\r\n".getBytes(UTF_8));

      @Override
      public int read() throws IOException {
        throw new AssertionError("single-byte reads are not used");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = first.read(b, off, len);
        if (n < 0) throw new AssertionError("read past the first event");
        return n;
      }
    };

    assertThat(new SseReader(firstEventThenFail, "test").next()).isEqualTo(new SseEvent("", "now"));
  }

  @Test
  void lineLongerThanOneMebibyteFailsAsMalformed() {
    byte[] huge = ("data: " + "x".repeat(SseReader.MAX_LINE_BYTES) + "\n\n").getBytes(UTF_8);

    assertThatThrownBy(() -> readAll(new ByteArrayInputStream(huge)))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.kind()).isEqualTo(ProviderException.Kind.MALFORMED_RESPONSE);
          assertThat(e.provider()).isEqualTo("test");
        });
  }

  @Test
  void lineOfExactlyTheCapIsAccepted() throws IOException {
    String value = "x".repeat(SseReader.MAX_LINE_BYTES - "data: ".length());

    assertThat(readAll("data: " + value + "\n\n")).singleElement().extracting(SseEvent::data).isEqualTo(value);
  }

  private static List<SseEvent> readAll(String text) throws IOException {
    return readAll(new ByteArrayInputStream(text.getBytes(UTF_8)));
  }

  private static List<SseEvent> readAll(InputStream in) throws IOException {
    SseReader reader = new SseReader(in, "test");
    List<SseEvent> events = new ArrayList<>();
    for (SseEvent event = reader.next(); event != null; event = reader.next()) events.add(event);
    return events;
  }

  private static final class OneByteAtATime extends InputStream {
    private final byte[] bytes;
    private int position;

    OneByteAtATime(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return position < bytes.length ? bytes[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= bytes.length) return -1;
      b[off] = bytes[position++];
      return 1;
    }
  }
}
