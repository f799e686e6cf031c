package dev.aragora.server.stream;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/** One text/event-stream response: events and heartbeat comments, each flushed as soon as written. */
final class SseResponse implements FeedSink {
  private final OutputStream out;
  private final ReentrantLock writing = new ReentrantLock();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  SseResponse(OutputStream out) {
    this.out = out;
  }

  @Override
  public CompletableFuture<Void> send(long seq, String type, String envelopeJson) {
    StringBuilder frame = new StringBuilder(envelopeJson.length() + type.length() + 40)
        .append("id: ").append(seq).append('\n')
        .append("event: ").append(type).append('\n');
    // Compact JSON has no raw line breaks, but a line break would end the field, so split defensively.
    for (String line : envelopeJson.split("\n", -1)) frame.append("data: ").append(line).append('\n');
    frame.append('\n');
    return write(frame.toString())
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(new IOException("the client went away"));
  }

  @Override
  public void ended(FeedEnd reason, long lastSeq) {
    done.complete(null);
  }

  /** Writes a comment line; false when the client has gone away. */
  boolean comment(String text) {
    return write(": " + text + "\n\n");
  }

  /** Ends the response early (the server is stopping). */
  void end() {
    done.complete(null);
  }

  /** Waits up to {@code timeout} for the stream to end; true when it has. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  private boolean write(String text) {
    writing.lock();
    try {
      if (done.isDone()) return false;
      out.write(text.getBytes(UTF_8));
      out.flush();
      return true;
    } catch (IOException e) {
      done.complete(null);
      return false;
    } finally {
      writing.unlock();
    }
  }
}
