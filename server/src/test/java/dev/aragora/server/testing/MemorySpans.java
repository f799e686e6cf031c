package dev.aragora.server.testing;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code OTEL_TRACES_EXPORTER=memory}: the SDK's autoconfiguration finds this exporter through
 * {@code META-INF/services}, so a test goes through the same OTEL_* configuration as production
 * and reads the finished spans from {@link #EXPORTER}.
 */
public final class MemorySpans implements ConfigurableSpanExporterProvider {
  public static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    // The SDK shuts its exporter down with the server; the shared one must outlive each server.
    return new io.opentelemetry.sdk.trace.export.SpanExporter() {
      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode export(
          java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
        return EXPORTER.export(spans);
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode flush() {
        return EXPORTER.flush();
      }

      @Override
      public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
        return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
      }
    };
  }

  @Override
  public String getName() {
    return "memory";
  }
}
