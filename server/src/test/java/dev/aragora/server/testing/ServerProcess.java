package dev.aragora.server.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a separate JVM ({@code aragora serve --port 0}) on this test run's class path,
 * with only the environment given (plus a fast similarity backend and the {@link TestAuth} credentials). Its stderr is kept for failure
 * messages; {@link #port()} is the port it announced.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("aragora: listening on port (\\d+)");

  private final Process process;
  private final int port;
  private final List<String> log;

  private ServerProcess(Process process, int port, List<String> log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a server and waits (up to 30 s) until it listens. */
  public static ServerProcess start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "dev.aragora.server.cli.Main", "serve", "--port", "0");
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("ARAGORA_") || name.equals("DATABASE_URL")
        || name.equals("REDIS_URL") || name.endsWith("_API_KEY"));
    environment.put("ARAGORA_SIMILARITY_BACKEND", "tfidf");
    environment.putAll(TestAuth.env(env));
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          log.add(line);
          Matcher m = LISTENING.matcher(line);
          if (m.find()) port.complete(Integer.parseInt(m.group(1)));
        }
      } catch (Exception e) {
        // the process went away
      } finally {
        port.completeExceptionally(new IllegalStateException("server exited before listening: " + log));
      }
    });
    try {
      return new ServerProcess(process, port.get(30, TimeUnit.SECONDS), log);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Process process() {
    return process;
  }

  /** What the server wrote to stderr so far. */
  public List<String> log() {
    return log;
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM; true when it exited within {@code seconds}. */
  public boolean stop(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
