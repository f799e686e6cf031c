package dev.aragora.server.ops;

import dev.aragora.core.debate.DebateRequest;
import dev.aragora.core.provider.CallContext;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.ProviderException;
import dev.aragora.core.provider.resilience.Attempt;
import dev.aragora.core.provider.resilience.ProviderEventListener;
import dev.aragora.server.queue.RunListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * OpenTelemetry traces: one trace per debate run, whose root span {@code debate} has a child span
 * {@code chat {model}} per LLM call attempt with the GenAI semantic conventions' attributes.
 *
 * <p>The SDK is built by OpenTelemetry's autoconfiguration from the standard variables
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_EXPORTER}, {@code OTEL_SERVICE_NAME} …),
 * and only when {@code OTEL_TRACES_EXPORTER} names an exporter other than {@code none}, or (with it
 * unset) {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is set,
 * and {@code OTEL_SDK_DISABLED} is not true.
 * Otherwise tracing is the API's no-op: no SDK, no exporter, no thread. Our defaults differ from
 * the SDK's where the OTLP specification or this server asks for it: service name {@code aragora},
 * protocol {@code http/protobuf}, and no metrics or logs exporters (metrics are Prometheus'; logs go
 * to stderr).
 *
 * <p>Inside a debate's run, the log context (MDC) carries {@code debate_id}, and {@code trace_id}
 * and {@code span_id} when the run is traced. Attributes never carry the question, prompts or
 * replies.
 */
public final class Tracing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
  private static final String INSTRUMENTATION = "dev.aragora.server";

  // GenAI semantic conventions (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/)
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  /** The older name of gen_ai.provider.name, still read by many backends. */
  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

  /** Our provider names → the GenAI conventions' well-known values; others are used as they are. */
  private static final Map<String, String> GEN_AI_PROVIDERS = Map.of(
      "gemini", "gcp.gemini", "xai", "x_ai", "mistral", "mistral_ai");

  private final OpenTelemetrySdk sdk;
  private final Tracer tracer;
  /** The root span of each debate running here, by id: the parent of its LLM call spans. */
  private final Map<String, Span> debates = new ConcurrentHashMap<>();

  private Tracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.tracer = (sdk == null ? OpenTelemetry.noop() : sdk).getTracer(INSTRUMENTATION);
  }

  /** Tracing as {@code env}'s OTEL_* variables configure it; {@code version} is the service's version. */
  public static Tracing fromEnvironment(Map<String, String> env, String version) {
    if (!configured(env)) return new Tracing(null);
    Map<String, String> properties = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith("OTEL_")) properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
    });
    Map<String, String> defaults = new HashMap<>(Map.of(
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none",
        "otel.exporter.otlp.protocol", "http/protobuf"));
    if (!properties.containsKey("otel.service.name")
        && !properties.getOrDefault("otel.resource.attributes", "").contains("service.name="))
      defaults.put("otel.service.name", "aragora");
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .addPropertiesCustomizer(config -> properties)
        .addResourceCustomizer((resource, config) ->
            Resource.builder().put("service.version", version).build().merge(resource))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
    LOG.info("OpenTelemetry traces on: exporter {}, endpoint {}",
        properties.getOrDefault("otel.traces.exporter", "otlp"),
        properties.getOrDefault("otel.exporter.otlp.traces.endpoint",
            properties.getOrDefault("otel.exporter.otlp.endpoint", "(the exporter's default)")));
    return new Tracing(sdk);
  }

  /**
   * Whether {@code env} asks for traces: an exporter other than {@code none}, or an OTLP endpoint
   * with no exporter named, and the SDK not disabled. (With no exporter the SDK would hand out
   * invalid, unrecorded spans anyway.)
   */
  static boolean configured(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.getOrDefault("OTEL_SDK_DISABLED", "").strip())) return false;
    String exporters = env.getOrDefault("OTEL_TRACES_EXPORTER", "").strip();
    if (!exporters.isEmpty())
      return java.util.Arrays.stream(exporters.split(",")).map(String::strip).anyMatch(e -> !e.equals("none"));
    return !env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "").isBlank()
        || !env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "").isBlank();
  }

  /** Whether spans are recorded (the SDK was configured). */
  public boolean enabled() {
    return sdk != null;
  }

  /**
   * Opens each debate run's root span, current on the debate's thread, and its log context; closes
   * both when the run stops, with the run's status.
   */
  public RunListener debateRuns() {
    return this::runStarted;
  }

  /** Records each LLM call attempt as a child span of its debate's root span. */
  public ProviderEventListener llmCalls() {
    return new ProviderEventListener() {
      @Override
      public void attemptEnded(Attempt attempt) {
        if (enabled()) recordAttempt(attempt);
      }
    };
  }

  private Consumer<String> runStarted(String id, DebateRequest request, boolean resumed) {
    Span span = tracer.spanBuilder("debate").setNoParent().setSpanKind(SpanKind.INTERNAL)
        .setAttribute("aragora.debate.id", id)
        .setAttribute("aragora.debate.consensus_mode", request.consensus().wire())
        .setAttribute("aragora.debate.topology", request.topology().wire())
        .setAttribute("aragora.debate.rounds", request.rounds())
        .setAttribute("aragora.debate.agent_count", request.agents().size())
        .setAttribute("aragora.debate.resumed", resumed)
        .startSpan();
    Scope scope = span.makeCurrent();
    debates.put(id, span);
    SpanContext context = span.getSpanContext();
    MDC.put("debate_id", id);
    if (context.isValid()) {
      MDC.put("trace_id", context.getTraceId());
      MDC.put("span_id", context.getSpanId());
    }
    return status -> {
      try {
        span.setAttribute("aragora.debate.status", status);
        if (status.equals("failed")) span.setStatus(StatusCode.ERROR, "debate failed");
        debates.remove(id, span);
        span.end();
      } finally {
        scope.close();
        MDC.remove("debate_id");
        MDC.remove("trace_id");
        MDC.remove("span_id");
      }
    };
  }

  private void recordAttempt(Attempt attempt) {
    CallContext call = attempt.request().context();
    Span debate = debates.get(call.debateId());
    String provider = GEN_AI_PROVIDERS.getOrDefault(attempt.provider(), attempt.provider());
    String model = attempt.request().model();
    Span span = tracer.spanBuilder("chat " + model)
        .setParent(debate == null ? Context.current() : Context.root().with(debate))
        .setSpanKind(SpanKind.CLIENT)
        .setStartTimestamp(attempt.started())
        .setAttribute(OPERATION, "chat")
        .setAttribute(PROVIDER, provider)
        .setAttribute(SYSTEM, provider)
        .setAttribute(REQUEST_MODEL, model)
        .setAttribute(REQUEST_MAX_TOKENS, (long) attempt.request().maxTokens())
        .setAttribute(REQUEST_TEMPERATURE, attempt.request().temperature())
        .setAttribute("aragora.agent", call.agent())
        .setAttribute("aragora.debate.phase", call.phase())
        .setAttribute("aragora.debate.round", call.round())
        .setAttribute("aragora.attempt", attempt.number())
        .startSpan();
    if (attempt.response().isPresent()) {
      ChatResponse response = attempt.response().get();
      span.setAttribute(RESPONSE_MODEL, response.model());
      span.setAttribute(INPUT_TOKENS, response.usage().inputTokens());
      span.setAttribute(OUTPUT_TOKENS, response.usage().outputTokens());
      if (!response.finishReason().isEmpty()) span.setAttribute(FINISH_REASONS, List.of(response.finishReason()));
      span.setAttribute("aragora.cost_usd", attempt.costUsd());
    }
    if (attempt.failure().isPresent()) {
      ProviderException failure = attempt.failure().get();
      span.setAttribute(ERROR_TYPE, failure.errorType());
      if (failure.status() > 0) span.setAttribute(HTTP_STATUS, (long) failure.status());
      // The kind only: a vendor's error text may quote the prompt.
      span.setStatus(StatusCode.ERROR, failure.errorType());
    }
    span.end(attempt.started().plus(attempt.elapsed()));
  }

  /** Exports what is pending (at most 5 s) and stops the SDK. */
  @Override
  public void close() {
    if (sdk != null) sdk.shutdown().join(5, TimeUnit.SECONDS);
  }
}
