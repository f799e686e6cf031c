package dev.aragora.server.testing;

import java.util.HashMap;
import java.util.Map;

/** Environments for servers under test. */
public final class TestEnv {
  /** Requests per minute high enough that no test's polling or bursts ever meet a rate limit. */
  public static final String GENEROUS = "1000000";
  private static final String[] LIMITS = {"ARAGORA_RATE_LIMIT_ANONYMOUS", "ARAGORA_RATE_LIMIT",
      "ARAGORA_RATE_LIMIT_PREMIUM", "ARAGORA_IP_RATE_LIMIT"};

  private TestEnv() {}

  /**
   * {@code env} with every rate limit raised to {@link #GENEROUS} unless it sets one itself: tests
   * that poll a server every few milliseconds would otherwise run into the seeds' 30 requests a minute.
   */
  public static Map<String, String> generousLimits(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    for (String name : LIMITS) all.putIfAbsent(name, GENEROUS);
    return all;
  }
}
