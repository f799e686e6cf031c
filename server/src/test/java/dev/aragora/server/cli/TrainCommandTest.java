package dev.aragora.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's training run (recorded into the JDK 25 ahead-of-time cache) works and is hidden. */
class TrainCommandTest {
  @Test
  void theTrainingRunServesADemoDebateAndExitsCleanly() {
    StringWriter err = new StringWriter();
    int exit = Main.run(new String[] {"aot-training"}, Map.of("ARAGORA_SIMILARITY_BACKEND", "tfidf"),
        new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

    assertThat(exit).as(err.toString()).isZero();
  }

  @Test
  void itIsNotListedInHelp() {
    StringWriter out = new StringWriter();
    Main.run(new String[] {"--help"}, Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

    assertThat(out.toString()).contains("serve").doesNotContain("aot-training");
  }
}
