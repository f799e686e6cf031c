package dev.aragora.core.provider.http;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.ProviderException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts JSON to one vendor and reads the reply on the calling thread, within one deadline for the
 * whole call: connecting, headers and every body byte. {@link HttpRequest#timeout} only covers the
 * wait for headers, so a watchdog closes the body stream when the deadline passes, which unblocks
 * a read stuck on a slow stream. Interrupting the calling thread aborts the call with
 * {@link InterruptedException}.
 */
public final class VendorHttp {
  private static final int MAX_ERROR_BODY_BYTES = 64 << 10;
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private final HttpClient client;
  private final String provider;
  private final String secret;

  /** @param secret the API key, cut from any error message; empty when the vendor needs none */
  public VendorHttp(HttpClient client, String provider, String secret) {
    this.client = client;
    this.provider = provider;
    this.secret = secret == null ? "" : secret;
  }

  public String provider() {
    return provider;
  }

  public <T> T postJson(URI uri, Map<String, String> headers, JsonNode body, Duration timeout, BodyReader<T> reader)
      throws InterruptedException {
    if (timeout.isNegative() || timeout.isZero()) throw timedOut(timeout, null);
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    headers.forEach(request::header);
    HttpResponse<InputStream> response = awaitHeaders(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()), deadline, timeout);
    return readBody(response, deadline, timeout, reader);
  }

  private HttpResponse<InputStream> awaitHeaders(CompletableFuture<HttpResponse<InputStream>> pending, long deadline,
                                                 Duration timeout) throws InterruptedException {
    try {
      return pending.get(Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(timeout, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) throw timedOut(timeout, cause);
      if (cause instanceof ProviderException p) throw p;
      throw new ProviderException(Kind.NETWORK, provider, 0, describe(cause), null, cause);
    }
  }

  private <T> T readBody(HttpResponse<InputStream> response, long deadline, Duration timeout, BodyReader<T> reader)
      throws InterruptedException {
    InputStream body = response.body();
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      expired.set(true);
      closeQuietly(body);
    }, Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
    try {
      int status = response.statusCode();
      if (status >= 300) {
        byte[] errorBody = Json.readCapped(body, MAX_ERROR_BODY_BYTES, provider);
        throw HttpErrors.fromResponse(provider, status, errorBody,
            RetryAfter.from(response.headers(), Instant.now()).orElse(null), secret);
      }
      return reader.read(body);
    } catch (JsonProcessingException e) {
      throw new ProviderException(Kind.MALFORMED_RESPONSE, provider, 0,
          "invalid JSON: " + HttpErrors.truncate(e.getOriginalMessage()), null, e);
    } catch (IOException e) {
      if (Thread.interrupted()) {
        InterruptedException interrupted = new InterruptedException("provider call interrupted");
        interrupted.initCause(e);
        throw interrupted;
      }
      if (expired.get()) throw timedOut(timeout, e);
      throw new ProviderException(Kind.NETWORK, provider, 0, describe(e), null, e);
    } catch (ProviderException e) {
      // A reader may notice the closed stream as a truncated reply; the deadline is the real cause.
      if (expired.get() && e.kind() == Kind.MALFORMED_RESPONSE) throw timedOut(timeout, e);
      throw redacted(e);
    } finally {
      watchdog.cancel(false);
      closeQuietly(body);
    }
  }

  /** Codecs build messages from what the server sent; a server that echoes the key must not leak it. */
  private ProviderException redacted(ProviderException e) {
    String message = e.getMessage();
    if (secret.length() < 8 || message == null || !message.contains(secret)) return e;
    String prefix = provider + ": ";
    String text = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    return new ProviderException(e.kind(), provider, e.status(), HttpErrors.redact(text, secret),
        e.retryAfter().orElse(null), e.getCause());
  }

  private ProviderException timedOut(Duration timeout, Throwable cause) {
    return new ProviderException(Kind.TIMEOUT, provider, 0, "no complete reply within " + timeout.toMillis() + " ms",
        null, cause);
  }

  private String describe(Throwable failure) {
    String message = failure.getMessage();
    String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return HttpErrors.redact(HttpErrors.truncate(text), secret);
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException ignored) {
      // the call already has its outcome
    }
  }

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("aragora-http-deadline").factory());
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
