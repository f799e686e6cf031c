package dev.aragora.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx as the load balancer in front of several servers, configured as seeds/002's
 * example (least_conn, HTTP/1.1, Upgrade and Connection "upgrade", 86400 s read timeout), on a free
 * loopback port, with its files in a directory of the test's. {@code scripts/ensure-services.sh}
 * installs nginx-light when it is missing.
 */
public final class Nginx implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private Nginx(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static Nginx balance(Path dir, List<Integer> upstreamPorts) throws Exception {
    String binary = binary();
    int port = freePort();
    Files.createDirectories(dir.resolve("tmp"));
    String servers = upstreamPorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=10s;")
        .collect(Collectors.joining("\n"));
    String config = """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 4096; }
        http {
          log_format upstream '$request $status $upstream_addr $request_time';
          access_log %1$s/access.log upstream;
          client_body_temp_path %1$s/tmp/body;
          proxy_temp_path %1$s/tmp/proxy;
          fastcgi_temp_path %1$s/tmp/fastcgi;
          uwsgi_temp_path %1$s/tmp/uwsgi;
          scgi_temp_path %1$s/tmp/scgi;
          upstream aragora {
            least_conn;
        %2$s
          }
          server {
            listen 127.0.0.1:%3$d;
            location / {
              proxy_pass http://aragora;
              proxy_http_version 1.1;
              proxy_set_header Upgrade $http_upgrade;
              proxy_set_header Connection "upgrade";
              proxy_set_header Host $host;
              proxy_read_timeout 86400s;
              proxy_connect_timeout 2s;
            }
          }
        }
        """.formatted(dir.toAbsolutePath(), servers, port);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, config);
    Process process = new ProcessBuilder(binary, "-p", dir.toAbsolutePath().toString(), "-c", file.toAbsolutePath().toString(),
        "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return new Nginx(process, port, dir);
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("nginx did not listen on " + port + " within 10 s");
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** nginx's access log: request, status, the upstream that served it, time. */
  public String accessLog() throws IOException {
    Path log = dir.resolve("access.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** nginx's error log (upstream failures it saw). */
  public String errorLog() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String binary() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) return candidate;
    }
    throw new IllegalStateException("nginx is not installed; scripts/ensure-services.sh (run by ./aragora test) "
        + "installs it with: apt-get install nginx-light");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
