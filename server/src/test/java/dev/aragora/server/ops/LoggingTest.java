package dev.aragora.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The two log formats on stderr; logging is process-wide, so each test restores the default. */
class LoggingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Logger log = LoggerFactory.getLogger("dev.aragora.test");

  @AfterEach
  void restoreTextLogs() {
    Logging.configure(LoggingConfig.fromEnvironment(Map.of()));
    MDC.clear();
  }

  @Test
  void productionLogsAreOneJsonObjectALineWithTheTraceContextAndTheExceptionAsText() {
    List<String> lines = captureStderr(() -> {
      Logging.configure(LoggingConfig.fromEnvironment(Map.of("ARAGORA_ENV", "production")));
      log.info("outside a debate");
      MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
      MDC.put("span_id", "00f067aa0ba902b7");
      MDC.put("debate_id", "deb_1");
      log.warn("vendor said {}", "no", new IllegalStateException("boom"));
      // java.util.logging (the OpenTelemetry SDK's) comes out the same way
      java.util.logging.Logger.getLogger("io.opentelemetry.test").warning("exporter failed");
    });

    assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).isTrue());
    JsonNode plain = read(lines.get(0));
    assertThat(plain.get("message").asText()).isEqualTo("outside a debate");
    assertThat(plain.get("level").asText()).isEqualTo("INFO");
    assertThat(plain.get("logger").asText()).isEqualTo("dev.aragora.test");
    assertThat(plain.get("thread").asText()).isNotEmpty();
    assertThat(plain.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(plain.has("trace_id")).isFalse();
    assertThat(plain.has("@version")).isFalse();

    JsonNode traced = read(lines.get(1));
    assertThat(traced.get("message").asText()).isEqualTo("vendor said no");
    assertThat(traced.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(traced.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
    assertThat(traced.get("debate_id").asText()).isEqualTo("deb_1");
    assertThat(traced.get("exception").isTextual()).isTrue();
    assertThat(traced.get("exception").asText()).startsWith("java.lang.IllegalStateException: boom");

    JsonNode bridged = read(lines.get(2));
    assertThat(bridged.get("logger").asText()).isEqualTo("io.opentelemetry.test");
    assertThat(bridged.get("message").asText()).isEqualTo("exporter failed");
  }

  @Test
  void developmentLogsAreTextAtWarnByDefault() {
    List<String> lines = captureStderr(() -> {
      Logging.configure(LoggingConfig.fromEnvironment(Map.of()));
      log.info("hidden");
      log.warn("shown");
    });

    assertThat(lines).singleElement().satisfies(line -> assertThat(line).endsWith("WARN  dev.aragora.test - shown"));
  }

  @Test
  void theFormatAndLevelCanBeChosenOutsideProduction() {
    List<String> lines = captureStderr(() -> {
      Logging.configure(LoggingConfig.fromEnvironment(Map.of("ARAGORA_LOG_FORMAT", "json", "ARAGORA_LOG_LEVEL", "debug")));
      log.debug("details");
    });

    assertThat(lines).singleElement().satisfies(line -> assertThat(read(line).get("level").asText()).isEqualTo("DEBUG"));
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  private static List<String> captureStderr(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    return Arrays.stream(captured.toString(StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
