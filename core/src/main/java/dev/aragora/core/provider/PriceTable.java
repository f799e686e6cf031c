package dev.aragora.core.provider;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * List prices per million tokens, read from {@code prices.csv}
 * ({@code provider,model,input_usd_per_million,output_usd_per_million}). A model matches exactly,
 * else by the longest listed prefix followed by a separator, so dated variants such as
 * {@code gpt-4o-2024-08-06} cost what {@code gpt-4o} costs while {@code gpt-4o-mini} keeps its own row.
 */
public final class PriceTable implements CostModel {
  /** US dollars per million tokens. */
  public record Price(double inputUsdPerMillion, double outputUsdPerMillion) {
    public Price {
      if (!(inputUsdPerMillion >= 0) || !(outputUsdPerMillion >= 0)) throw new IllegalArgumentException("negative or NaN price");
    }
  }

  private static final String RESOURCE = "prices.csv";

  private final Map<String, Map<String, Price>> byProvider;

  private PriceTable(Map<String, Map<String, Price>> byProvider) {
    this.byProvider = byProvider;
  }

  /** The table bundled with this build. */
  public static PriceTable bundled() {
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return parse(new String(in.readAllBytes(), UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses CSV text; blank lines, {@code #} comments and a {@code provider,…} header line are skipped. */
  public static PriceTable parse(String csv) {
    Map<String, Map<String, Price>> table = new HashMap<>();
    String[] lines = csv.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.toLowerCase(Locale.ROOT).startsWith("provider,")) continue;
      String[] cells = line.split(",", -1);
      if (cells.length != 4) throw new IllegalArgumentException("prices line " + (i + 1) + ": expected 4 columns: " + line);
      try {
        Price price = new Price(Double.parseDouble(cells[2].strip()), Double.parseDouble(cells[3].strip()));
        table.computeIfAbsent(normal(cells[0]), p -> new HashMap<>()).put(normal(cells[1]), price);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("prices line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new PriceTable(table);
  }

  public Optional<Price> priceOf(String provider, String model) {
    Map<String, Price> models = byProvider.get(normal(provider));
    if (models == null) return Optional.empty();
    String wanted = normal(model);
    Price exact = models.get(wanted);
    if (exact != null) return Optional.of(exact);
    String best = null;
    for (String listed : models.keySet())
      if (isVariantOf(wanted, listed) && (best == null || listed.length() > best.length())) best = listed;
    return Optional.ofNullable(best).map(models::get);
  }

  @Override
  public double costUsd(String provider, String model, Usage usage) {
    return priceOf(provider, model)
        .map(p -> (usage.inputTokens() * p.inputUsdPerMillion() + usage.outputTokens() * p.outputUsdPerMillion()) / 1_000_000.0)
        .orElse(0.0);
  }

  private static boolean isVariantOf(String model, String listed) {
    if (!model.startsWith(listed) || model.length() == listed.length()) return false;
    char next = model.charAt(listed.length());
    return next == '-' || next == ':' || next == '@';
  }

  private static String normal(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }
}
