package dev.aragora.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.provider.ProviderException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyParserTest {
  private static final List<String> AGENTS = List.of("openai-api", "anthropic-api");

  @Test
  void readsACritiqueInsideACodeFence() {
    var c = ReplyParser.critique("```json\n{\"issues\": [\"too vague\"], \"suggestions\": [\"add numbers\"], "
        + "\"severity\": 7, \"reasoning\": \"needs data\"}\n```");

    assertThat(c.issues()).containsExactly("too vague");
    assertThat(c.suggestions()).containsExactly("add numbers");
    assertThat(c.severity()).isEqualTo(7.0);
    assertThat(c.reasoning()).isEqualTo("needs data");
  }

  @Test
  void readsACritiqueSurroundedByProse() {
    var c = ReplyParser.critique("Here is my critique: {\"issues\": \"one issue\", \"severity\": 3} Hope it helps.");

    assertThat(c.issues()).containsExactly("one issue");
    assertThat(c.suggestions()).isEmpty();
    assertThat(c.severity()).isEqualTo(3.0);
  }

  @Test
  void acceptsSeverityAsAStringAndClampsIt() {
    assertThat(ReplyParser.critique("{\"issues\": [\"x\"], \"severity\": \"8.5\"}").severity()).isEqualTo(8.5);
    assertThat(ReplyParser.critique("{\"issues\": [\"x\"], \"severity\": 42}").severity()).isEqualTo(10.0);
    assertThat(ReplyParser.critique("{\"issues\": [\"x\"], \"severity\": \"high\"}").severity()).isEqualTo(5.0);
  }

  @Test
  void aCritiqueWithoutJsonBecomesOneIssueAtSeverityFive() {
    var c = ReplyParser.critique("  The plan ignores migration cost.  ");

    assertThat(c.issues()).containsExactly("The plan ignores migration cost.");
    assertThat(c.severity()).isEqualTo(5.0);
  }

  @Test
  void readsAVoteInsideProseAndCodeFence() {
    var v = ReplyParser.vote("My vote:\n```json\n{\"choice\": \"anthropic-api\", \"confidence\": 0.75, "
        + "\"reasoning\": \"best costed\", \"continue_debate\": true}\n```\nThanks", AGENTS, "openai");

    assertThat(v.choice()).isEqualTo("anthropic-api");
    assertThat(v.confidence()).isEqualTo(0.75);
    assertThat(v.reasoning()).isEqualTo("best costed");
    assertThat(v.continueDebate()).isTrue();
  }

  @Test
  void matchesTheChoiceCaseInsensitivelyAndReturnsTheCanonicalName() {
    var v = ReplyParser.vote("{\"choice\": \" OpenAI-API \", \"confidence\": \"0.6\"}", AGENTS, "openai");

    assertThat(v.choice()).isEqualTo("openai-api");
    assertThat(v.confidence()).isEqualTo(0.6);
    assertThat(v.continueDebate()).isFalse();
  }

  @Test
  void aVoteNamingAnUnknownAgentIsAMalformedResponse() {
    assertThatThrownBy(() -> ReplyParser.vote("{\"choice\": \"grok\", \"confidence\": 0.9}", AGENTS, "openai"))
        .isInstanceOfSatisfying(ProviderException.class, e -> {
          assertThat(e.kind()).isEqualTo(ProviderException.Kind.MALFORMED_RESPONSE);
          assertThat(e.provider()).isEqualTo("openai");
          assertThat(e.getMessage()).contains("grok");
        });
  }

  @Test
  void aVoteWithoutJsonIsAMalformedResponse() {
    assertThatThrownBy(() -> ReplyParser.vote("I vote for openai-api", AGENTS, "gemini"))
        .isInstanceOfSatisfying(ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.MALFORMED_RESPONSE));
  }

  @Test
  void voteConfidenceDefaultsToAHalfAndIsClamped() {
    assertThat(ReplyParser.vote("{\"choice\": \"accept\"}", List.of("accept", "reject"), "x").confidence()).isEqualTo(0.5);
    assertThat(ReplyParser.vote("{\"choice\": \"reject\", \"confidence\": 250}", List.of("accept", "reject"), "x")
        .confidence()).isEqualTo(1.0);
    assertThat(ReplyParser.vote("{\"choice\": \"reject\", \"confidence\": -2}", List.of("accept", "reject"), "x")
        .confidence()).isEqualTo(0.0);
  }

  @Test
  void readsAZeroToTenConfidenceAsTenths() {
    assertThat(ReplyParser.vote("{\"choice\": \"reject\", \"confidence\": 3}", List.of("accept", "reject"), "x")
        .confidence()).isEqualTo(0.3);
  }

  @Test
  void readsPercentagesAndHundredScaleConfidencesAsFractions() {
    assertThat(ReplyParser.vote("{\"choice\": \"openai-api\", \"confidence\": \"60%\"}", AGENTS, "p").confidence())
        .isEqualTo(0.6);
    assertThat(ReplyParser.vote("{\"choice\": \"openai-api\", \"confidence\": 85}", AGENTS, "p").confidence())
        .isEqualTo(0.85);
    assertThat(ReplyParser.vote("{\"choice\": \"openai-api\", \"confidence\": 0.7}", AGENTS, "p").confidence())
        .isEqualTo(0.7);
  }

  @Test
  void findsTheJsonObjectAfterProseThatContainsBraces() {
    var v = ReplyParser.vote("I weigh {cost} against {risk}. {\"choice\": \"anthropic-api\", \"confidence\": 0.9}",
        AGENTS, "p");

    assertThat(v.choice()).isEqualTo("anthropic-api");
  }
}
