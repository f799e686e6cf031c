package dev.aragora.server.ops;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The Prometheus registry and the server's own meters. Request latency is recorded per route
 * template (never the raw path, whose ids would make one series per debate).
 */
public final class Metrics implements AutoCloseable {
  /** Latency buckets from 1 ms to 10 s: a dozen series per route rather than Micrometer's ~70. */
  private static final Duration[] BUCKETS = java.util.stream.Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
      .map(Duration::ofMillis).toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public Metrics(IntSupplier activeDebates, IntSupplier queuedDebates, IntSupplier websocketConnections) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
    Gauge.builder("aragora_debates_active", activeDebates::getAsInt).description("Debates running now")
        .register(registry);
    Gauge.builder("aragora_debates_queued", queuedDebates::getAsInt).description("Debates waiting for a slot")
        .register(registry);
    Gauge.builder("aragora_websocket_connections", websocketConnections::getAsInt)
        .description("Open WebSocket connections").register(registry);
  }

  /** Counts a debate that has ended, by its final status. */
  public void debateEnded(String status) {
    Counter.builder("aragora_debates_total").description("Debates that have ended").tag("status", status)
        .register(registry).increment();
  }

  /** Records one answered HTTP request; {@code route} is the matched template, or "unmatched". */
  public void request(Context ctx, float millis) {
    String route = ctx.endpoints().lastHttpEndpoint() == null ? "unmatched" : ctx.endpoints().lastHttpEndpoint().path;
    Timer.builder("aragora_api_request_duration_seconds").description("HTTP request latency")
        .tag("method", ctx.method().name()).tag("route", route).tag("status", Integer.toString(ctx.statusCode()))
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }

  /** GET /metrics in the Prometheus text format. */
  public void scrape(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
