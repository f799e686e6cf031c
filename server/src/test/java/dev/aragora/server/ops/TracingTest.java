package dev.aragora.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {
  @Test
  void withoutAnExporterOrEndpointTracingIsTheNoOpApi() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "aragora"), "1.0")) {
      assertThat(tracing.enabled()).isFalse();
    }
  }

  @Test
  void anExporterOrAnOtlpEndpointTurnsTracingOn() {
    assertThat(Tracing.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isTrue();
    assertThat(Tracing.configured(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces")))
        .isTrue();
    // Trace ids in the logs, nothing exported.
    assertThat(Tracing.configured(Map.of("OTEL_TRACES_EXPORTER", "none"))).isTrue();
    assertThat(Tracing.configured(Map.of("OTEL_TRACES_EXPORTER", " "))).isFalse();
  }

  @Test
  void otelSdkDisabledWins() {
    assertThat(Tracing.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SDK_DISABLED", "true"))).isFalse();
  }

  @Test
  void tracesExporterNoneRecordsSpansWithoutExportingThem() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_TRACES_EXPORTER", "none"), "1.0")) {
      assertThat(tracing.enabled()).isTrue();
    }
  }
}
