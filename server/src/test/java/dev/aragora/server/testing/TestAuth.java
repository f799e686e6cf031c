package dev.aragora.server.testing;

import dev.aragora.server.App;
import dev.aragora.server.config.ServerConfig;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * Credentials for tests of the running server: every test server gets the same shared API token
 * (an internal caller with admin rights), JWT secret and admin password, so a test authenticates
 * with one header and instances started apart accept each other's tokens.
 */
public final class TestAuth {
  public static final String API_TOKEN = "test-api-token-0123456789abcdef";
  public static final String JWT_SECRET = "test-jwt-secret-0123456789abcdef0123456789";
  public static final String ADMIN_EMAIL = "admin@localhost";
  public static final String ADMIN_PASSWORD = "test-admin-password";
  /** The Authorization header value of the shared API token. */
  public static final String BEARER = "Bearer " + API_TOKEN;

  private TestAuth() {}

  /**
   * {@code env} with the test credentials added where it does not set them (an empty value unsets
   * one), and rate limits raised out of the way ({@link TestEnv#generousLimits}) unless it sets them.
   */
  public static Map<String, String> env(Map<String, String> env) {
    return TestEnv.generousLimits(withCredentials(env));
  }

  /** {@code env} with the test credentials only: for tests of the rate limits' defaults. */
  public static Map<String, String> withCredentials(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(Map.of("ARAGORA_API_TOKEN", API_TOKEN, "ARAGORA_JWT_SECRET", JWT_SECRET,
        "ARAGORA_ADMIN_PASSWORD", ADMIN_PASSWORD));
    all.putAll(env);
    return all;
  }

  /** Starts the server on a free port with {@link #env}. */
  public static App start(Map<String, String> env) {
    Map<String, String> all = env(env);
    return App.start(all, ServerConfig.fromEnvironment(all).withPort(0));
  }

  /** {@code request} with the API token. */
  public static HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return request.header("Authorization", BEARER);
  }
}
