package dev.aragora.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentSpecTest {
  @Test
  void parsesATypeAlone() {
    assertThat(AgentSpec.parse(" openai-api ")).isEqualTo(new AgentSpec("openai-api", "", "openai-api"));
  }

  @Test
  void parsesATypeWithAModel() {
    var spec = AgentSpec.parse("openrouter:deepseek/deepseek-r1");

    assertThat(spec.type()).isEqualTo("openrouter");
    assertThat(spec.model()).isEqualTo("deepseek/deepseek-r1");
    assertThat(spec.name()).isEqualTo("openrouter:deepseek/deepseek-r1");
    assertThat(spec.isDemo()).isFalse();
  }

  @Test
  void lowerCasesTheType() {
    assertThat(AgentSpec.parse("Gemini").type()).isEqualTo("gemini");
  }

  @Test
  void aDemoSpecCarriesItsIdentityAsTheModel() {
    var spec = AgentSpec.parse("demo:skeptic");

    assertThat(spec.isDemo()).isTrue();
    assertThat(spec.model()).isEqualTo("skeptic");
  }

  @Test
  void duplicateNamesGetANumberSuffix() {
    assertThat(AgentSpec.parseList("demo,demo:skeptic,demo,openai-api,demo").stream().map(AgentSpec::name))
        .containsExactly("demo", "demo:skeptic", "demo#2", "openai-api", "demo#3");
  }

  @Test
  void parseListSkipsBlankEntries() {
    assertThat(AgentSpec.parseList("gemini, ,anthropic-api,")).extracting(AgentSpec::name)
        .containsExactly("gemini", "anthropic-api");
  }

  @Test
  void anUnknownTypeIsRejectedWithTheKnownTypes() {
    assertThatIllegalArgumentException().isThrownBy(() -> AgentSpec.parse("gpt5:turbo"))
        .withMessageContaining("unknown agent type 'gpt5'")
        .withMessageContaining(String.join(", ", AgentSpec.TYPES));
  }

  @Test
  void anEmptyModelAfterTheColonIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> AgentSpec.parse("openai-api:  "))
        .withMessageContaining("empty model after ':'");
  }

  @Test
  void anEmptySpecIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> AgentSpec.parse("   ")).withMessageContaining("empty");
    assertThatIllegalArgumentException().isThrownBy(() -> AgentSpec.parseAll(List.of("demo", "")));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // quadratic naming took minutes for this list, linear takes moments
  void aSpecRepeatedAHundredThousandTimesIsNamedInLinearTime() {
    List<AgentSpec> specs = AgentSpec.parseAll(Collections.nCopies(100_000, "demo"));
    assertThat(specs).hasSize(100_000);
    assertThat(specs.get(1).name()).isEqualTo("demo#2");
    assertThat(specs.getLast().name()).isEqualTo("demo#100000");
    assertThat(AgentSpec.parseList("demo:x,demo:x#2,demo:x,demo:x,demo:x#3").stream().map(AgentSpec::name))
        .containsExactly("demo:x", "demo:x#2", "demo:x#3", "demo:x#4", "demo:x#3#2");
  }

  @Test
  void generatedNamesNeverCollideWithNamesGivenExplicitly() {
    assertThat(AgentSpec.parseList("ollama:m,ollama:m,ollama:m#2").stream().map(AgentSpec::name))
        .doesNotHaveDuplicates()
        .hasSize(3);
  }
}
