package dev.aragora.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where Redis is, if anywhere, read once from the environment. Without a URL every instance keeps
 * its events, counters and cache in process.
 *
 * @param server ARAGORA_REDIS_URL, else the legacy REDIS_URL: {@code redis://[[user]:password@]host[:port][/db]}
 *     or {@code rediss://…} for TLS; empty when neither is set
 * @param keyPrefix ARAGORA_REDIS_KEY_PREFIX ({@value #DEFAULT_PREFIX}): every key and channel starts with it,
 *     so several deployments can share one Redis
 * @param cacheTtl ARAGORA_CACHE_TTL in seconds (300): how long cached reads (the leaderboard) live; 0 turns
 *     the cache off
 */
public record RedisConfig(Optional<Server> server, String keyPrefix, Duration cacheTtl) {
  public static final String DEFAULT_PREFIX = "aragora:";
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(300);

  public RedisConfig {
    requireNonNull(server, "server is null");
    requireNonNull(keyPrefix, "keyPrefix is null");
    requireNonNull(cacheTtl, "cacheTtl is null");
    if (cacheTtl.isNegative()) throw new IllegalArgumentException("ARAGORA_CACHE_TTL must not be negative");
  }

  /** One Redis server; {@link #toString()} never shows the password. */
  public record Server(boolean tls, String host, int port, int database, String username, String password) {
    public Server {
      requireNonNull(host, "host is null");
      if (host.isBlank()) throw new IllegalArgumentException("the Redis URL has no host");
      if (port < 1 || port > 65_535) throw new IllegalArgumentException("the Redis port must be from 1 to 65535");
      if (database < 0) throw new IllegalArgumentException("the Redis database must not be negative");
      username = username == null ? "" : username;
      password = password == null ? "" : password;
    }

    /** {@code redis://host:port/db}, with {@code ***} standing for any credentials: safe to log. */
    public String redacted() {
      return (tls ? "rediss" : "redis") + "://" + (username.isEmpty() && password.isEmpty() ? "" : "***@")
          + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
      return "Server[" + redacted() + "]";
    }
  }

  public static RedisConfig fromEnvironment(Map<String, String> env) {
    EngineConfig.Env e = new EngineConfig.Env(env);
    String name = e.text("ARAGORA_REDIS_URL", "").isEmpty() ? "REDIS_URL" : "ARAGORA_REDIS_URL";
    String url = e.text(name, "");
    Optional<Server> server = url.isEmpty() ? Optional.empty() : Optional.of(parse(name, url));
    return new RedisConfig(server, e.text("ARAGORA_REDIS_KEY_PREFIX", DEFAULT_PREFIX),
        Duration.ofSeconds(e.integer("ARAGORA_CACHE_TTL", (int) DEFAULT_CACHE_TTL.toSeconds(), 0, 7 * 86_400)));
  }

  public boolean configured() {
    return server.isPresent();
  }

  /**
   * Parses {@code url}; errors name the variable, never the URL, which may hold a password. As with
   * most Redis clients, a lone user-info part ({@code redis://secret@host}) is the password.
   */
  static Server parse(String variable, String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(variable + " is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss"))
      throw new IllegalArgumentException(variable + " must start with redis:// or rediss://");
    if (uri.getHost() == null) throw new IllegalArgumentException(variable + " has no host");
    String username = "";
    String password = "";
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = decode(info);
      } else {
        username = decode(info.substring(0, colon));
        password = decode(info.substring(colon + 1));
      }
    }
    int database = 0;
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    if (!path.isEmpty()) {
      try {
        database = Integer.parseInt(path);
      } catch (NumberFormatException ex) {
        database = -1;
      }
      if (database < 0) throw new IllegalArgumentException(variable + " must end with a database number, as in /0");
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    return new Server(scheme.equals("rediss"), host, uri.getPort() < 0 ? 6379 : uri.getPort(), database,
        username, password);
  }

  /** Percent-decoding only: unlike a form, a URL's user info keeps '+' as is. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
