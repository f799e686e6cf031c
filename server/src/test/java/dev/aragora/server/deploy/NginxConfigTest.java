package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/nginx/aragora.conf: seeds/001's TLS, timeout and WebSocket settings, and nginx accepts it. */
class NginxConfigTest {
  private static final String CONF = DeployFiles.read("deploy/nginx/aragora.conf");

  @Test
  void terminatesTlsWithHttp2() {
    assertThat(CONF).contains("listen 443 ssl http2;").contains("ssl_certificate ")
        .contains("ssl_certificate_key ");
  }

  @Test
  void apiHasTheLongOperationTimeouts() {
    String api = block("location /api/");
    assertThat(api).contains("proxy_http_version 1.1;").contains("proxy_connect_timeout 60s;")
        .contains("proxy_send_timeout 300s;").contains("proxy_read_timeout 300s;")
        .contains("X-Forwarded-For $proxy_add_x_forwarded_for").contains("X-Forwarded-Proto $scheme");
  }

  @Test
  void websocketsUpgradeWithHourLongTimeouts() {
    String ws = block("location /ws");
    assertThat(ws).contains("proxy_http_version 1.1;").contains("proxy_set_header Upgrade $http_upgrade;")
        .contains("proxy_set_header Connection $connection_upgrade;").contains("proxy_send_timeout 3600s;")
        .contains("proxy_read_timeout 3600s;");
    assertThat(CONF).contains("keepalive 32;").contains("server aragora:8080;");
  }

  /** nginx -t on the config, with the compose host name and certificate paths pointed at local ones. */
  @Test
  void nginxAcceptsTheConfig(@TempDir Path dir) throws Exception {
    Path nginx = Path.of("/usr/sbin/nginx");
    assumeTrue(Files.isExecutable(nginx), "nginx is not installed (scripts/ensure-services.sh installs it)");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-keyout", dir.resolve("aragora.key").toString(),
        "-out", dir.resolve("aragora.crt").toString()).redirectErrorStream(true).start();
    openssl.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as("openssl made a certificate").isTrue();
    String site = CONF.replace("server aragora:8080;", "server 127.0.0.1:8080;")
        .replace("/etc/ssl/aragora/", dir + "/");
    Files.writeString(dir.resolve("site.conf"), site);
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("nginx.conf"), """
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events {}
        http {
          client_body_temp_path %1$s/tmp/body;
          proxy_temp_path %1$s/tmp/proxy;
          fastcgi_temp_path %1$s/tmp/fastcgi;
          uwsgi_temp_path %1$s/tmp/uwsgi;
          scgi_temp_path %1$s/tmp/scgi;
          access_log off;
          include %1$s/site.conf;
        }
        """.formatted(dir));
    Process test = new ProcessBuilder(nginx.toString(), "-t", "-p", dir.toString(), "-e", dir.resolve("error.log").toString(),
        "-c", dir.resolve("nginx.conf").toString()).redirectErrorStream(true).start();
    String out = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(test.exitValue()).as("nginx -t: " + out).isZero();
  }

  private static String block(String start) {
    int at = CONF.indexOf(start);
    assertThat(at).as(start + " in aragora.conf").isNotNegative();
    return CONF.substring(at, CONF.indexOf('}', at));
  }
}
