package dev.aragora.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aragora.core.agent.AgentSpec;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private static final PriceTable TABLE = PriceTable.parse("""
      # test prices
      provider,model,input_usd_per_million,output_usd_per_million
      openai,gpt-4o,2.50,10.00
      openai,gpt-4o-mini,0.15,0.60
      openai,gpt-4,30,60

      anthropic,claude-sonnet-4-5,3,15
      """);

  @Test
  void exactModelIsPricedPerMillionTokens() {
    assertThat(TABLE.costUsd("openai", "gpt-4o", new Usage(1_000_000, 100_000))).isCloseTo(3.50, within(1e-9));
  }

  @Test
  void datedVariantCostsWhatItsBaseModelCosts() {
    assertThat(TABLE.costUsd("anthropic", "claude-sonnet-4-5-20250929", new Usage(1000, 1000))).isCloseTo(0.018, within(1e-12));
    assertThat(TABLE.priceOf("openai", "gpt-4o-2024-08-06")).contains(new PriceTable.Price(2.50, 10.00));
  }

  @Test
  void longestListedPrefixWins() {
    assertThat(TABLE.priceOf("openai", "gpt-4o-mini-2024-07-18")).contains(new PriceTable.Price(0.15, 0.60));
  }

  @Test
  void prefixMustEndAtASeparator() {
    assertThat(TABLE.priceOf("openai", "gpt-4.1")).isEmpty();
    assertThat(TABLE.priceOf("openai", "gpt-4o1")).isEmpty();
  }

  @Test
  void unknownModelOrProviderCostsNothing() {
    assertThat(TABLE.costUsd("openai", "davinci-002", new Usage(1_000_000, 1_000_000))).isZero();
    assertThat(TABLE.costUsd("ollama", "gpt-4o", new Usage(1_000_000, 1_000_000))).isZero();
  }

  @Test
  void providerAndModelMatchIgnoringCase() {
    assertThat(TABLE.priceOf("OpenAI", "GPT-4o")).contains(new PriceTable.Price(2.50, 10.00));
  }

  @Test
  void malformedLineIsRejectedWithItsNumber() {
    assertThatThrownBy(() -> PriceTable.parse("# c\nopenai,gpt-4o,2.5\n")).hasMessageContaining("line 2");
    assertThatThrownBy(() -> PriceTable.parse("openai,gpt-4o,cheap,10\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> PriceTable.parse("openai,gpt-4o,-1,10\n")).hasMessageContaining("line 1");
  }

  @Test
  void bundledTablePricesEveryDefaultCloudModel() {
    PriceTable bundled = PriceTable.bundled();
    ProviderCatalog catalog = new ProviderCatalog(Map.of(
        "ANTHROPIC_API_KEY", "k-1234567890", "OPENAI_API_KEY", "k-1234567890", "OPENROUTER_API_KEY", "k-1234567890",
        "GEMINI_API_KEY", "k-1234567890", "XAI_API_KEY", "k-1234567890", "MISTRAL_API_KEY", "k-1234567890"),
        HttpClient.newHttpClient());

    for (String type : AgentSpec.TYPES) {
      if (type.equals("demo") || type.equals("ollama")) continue;
      ProviderCatalog.Resolved resolved = catalog.resolve(AgentSpec.parse(type));
      assertThat(bundled.priceOf(resolved.providerName(), resolved.model())).as(type).isPresent();
      String openRouterModel = catalog.openRouterModelFor(AgentSpec.parse(type));
      assertThat(bundled.priceOf("openrouter", openRouterModel)).as("openrouter " + openRouterModel).isPresent();
    }
  }

  @Test
  void bundledTablePricesDatedVendorModelNames() {
    PriceTable bundled = PriceTable.bundled();

    assertThat(bundled.costUsd("anthropic", "claude-sonnet-4-5-20250929", new Usage(1_000_000, 0))).isEqualTo(3.00);
    assertThat(bundled.costUsd("openai", "gpt-4o-2024-08-06", new Usage(0, 1_000_000))).isEqualTo(10.00);
  }
}
