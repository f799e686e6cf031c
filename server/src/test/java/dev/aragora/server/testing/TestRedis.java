package dev.aragora.server.testing;

import dev.aragora.server.config.RedisConfig;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The machine's Redis on 127.0.0.1:6379 for one test class: a key prefix of its own, a plain
 * connection for looking behind the code under test, and every key under the prefix deleted at the end.
 */
public final class TestRedis implements AutoCloseable {
  public static final int PORT = 6379;

  private final String prefix = "aragora_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";
  private final RedisClient client = RedisClient.create("redis://127.0.0.1:" + PORT);
  private final StatefulRedisConnection<String, String> connection = client.connect();

  public String prefix() {
    return prefix;
  }

  /** The server at {@code port} of 127.0.0.1 (6379, or a {@link TcpProxy} in front of it). */
  public static RedisConfig.Server server(int port) {
    return new RedisConfig.Server(false, "127.0.0.1", port, 0, "", "");
  }

  public RedisCommands<String, String> commands() {
    return connection.sync();
  }

  /** How many clients subscribe to the channel {@code name} (under the prefix). */
  public long subscribers(String name) {
    return commands().pubsubNumsub(prefix + name).getOrDefault(prefix + name, 0L);
  }

  @Override
  public void close() {
    try {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = commands().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
        if (!page.getKeys().isEmpty()) commands().del(page.getKeys().toArray(String[]::new));
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      connection.close();
      client.shutdown();
    }
  }
}
