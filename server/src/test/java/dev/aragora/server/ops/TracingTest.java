package dev.aragora.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aragora.core.agent.AgentSpec;
import dev.aragora.core.debate.DebateRequest;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.junit.jupiter.api.Test;

class TracingTest {
  private static final DebateRequest REQUEST = DebateRequest.of("Is it?",
      List.of(AgentSpec.parse("demo:skeptic"), AgentSpec.parse("demo:optimist")));

  @Test
  void withoutAnExporterOrEndpointTracingIsTheNoOpApiAndLogsOnlyTheDebateId() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_SERVICE_NAME", "aragora"), "1.0")) {
      assertThat(tracing.enabled()).isFalse();
      var ended = tracing.debateRuns().started("deb_1", REQUEST, false);
      assertThat(MDC.get("debate_id")).isEqualTo("deb_1");
      assertThat(MDC.get("trace_id")).isNull();
      ended.accept("completed");
      assertThat(MDC.get("debate_id")).isNull();
    }
  }

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
    assertThat(Tracing.configured(Map.of("OTEL_TRACES_EXPORTER", "console"))).isTrue();
    assertThat(Tracing.configured(Map.of("OTEL_TRACES_EXPORTER", "none, otlp"))).isTrue();
    assertThat(Tracing.configured(Map.of("OTEL_TRACES_EXPORTER", " "))).isFalse();
  }

  @Test
  void theNoneExporterTurnsTracingOffWhateverTheEndpoint() {
    assertThat(Tracing.configured(Map.of("OTEL_TRACES_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
  }

  @Test
  void otelSdkDisabledWins() {
    assertThat(Tracing.configured(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SDK_DISABLED", "true"))).isFalse();
  }

  @Test
  void aTracedRunPutsItsTraceAndSpanIdsInTheLogContext() {
    try (Tracing tracing = Tracing.fromEnvironment(Map.of("OTEL_TRACES_EXPORTER", "memory"), "1.0")) {
      assertThat(tracing.enabled()).isTrue();
      var ended = tracing.debateRuns().started("deb_1", REQUEST, false);
      assertThat(MDC.get("debate_id")).isEqualTo("deb_1");
      assertThat(MDC.get("trace_id")).matches("[0-9a-f]{32}");
      assertThat(MDC.get("span_id")).matches("[0-9a-f]{16}");
      ended.accept("completed");
      assertThat(MDC.get("debate_id")).isNull();
      assertThat(MDC.get("trace_id")).isNull();
    }
  }
}
