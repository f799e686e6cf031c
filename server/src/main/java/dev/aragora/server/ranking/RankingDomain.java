package dev.aragora.server.ranking;

import dev.aragora.core.ranking.MatchOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rating domain of a debate: its metadata's {@code domain}, a short slug (lower-case letters,
 * digits and '-', at most 32), or {@value MatchOutcome#GENERAL} when none is given.
 */
public final class RankingDomain {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private RankingDomain() {}

  public static boolean valid(String domain) {
    return domain != null && SLUG.matcher(domain).matches();
  }

  /** The domain named in {@code metadata}; empty when it names none, or names an invalid one. */
  public static Optional<String> named(Map<String, ?> metadata) {
    Object value = metadata.get("domain");
    return value instanceof String s && valid(s) ? Optional.of(s) : Optional.empty();
  }

  /** The domain of a debate with {@code metadata}: the named one, else {@value MatchOutcome#GENERAL}. */
  public static String of(Map<String, ?> metadata) {
    return named(metadata).orElse(MatchOutcome.GENERAL);
  }
}
