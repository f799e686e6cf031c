package dev.aragora.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptsTest {
  @Test
  void sectionReadsBackTheQuotedTextOfOneAgent() {
    String prompt = Prompts.critique("Q?", "demo:skeptic", "First line.\n\nSecond line.");

    assertThat(Prompts.section(prompt, "demo:skeptic")).contains("First line.\n\nSecond line.");
    assertThat(Prompts.section(prompt, "demo:optimist")).isEmpty();
  }

  @Test
  void sectionNamesFollowTheOrderOfTheVotePrompt() {
    Map<String, String> positions = new LinkedHashMap<>();
    positions.put("b", "beta");
    positions.put("a", "alpha\nmore");
    positions.put("c#2", "gamma");
    String prompt = Prompts.vote("Q?", positions);

    assertThat(Prompts.sectionNames(prompt)).containsExactly("b", "a", "c#2");
    assertThat(Prompts.section(prompt, "a")).contains("alpha\nmore");
  }

  @Test
  void anEndMarkerOfAnotherNameDoesNotCloseTheSection() {
    String prompt = "--- BEGIN x ---\nquoted --- END y --- text\n--- END y ---\nstill x\n--- END x ---";

    assertThat(Prompts.section(prompt, "x")).contains("quoted --- END y --- text\n--- END y ---\nstill x");
  }

  @Test
  void unclosedSectionsAreIgnored() {
    assertThat(Prompts.sectionNames("--- BEGIN x ---\nno end")).isEmpty();
    assertThat(Prompts.sectionNames("plain text")).isEqualTo(List.of());
  }

  @Test
  void windowsLineEndsAreAccepted() {
    assertThat(Prompts.section("--- BEGIN x ---\r\nhello\r\n--- END x ---", "x")).contains("hello");
  }
}
