package dev.aragora.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions written into the jar at build time (Maven resource filtering). */
public record BuildInfo(String version, String swaggerUiVersion) {
  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/aragora/server/build.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BuildInfo(value(p, "version", "dev"), value(p, "swagger-ui.version", ""));
  }

  private static String value(Properties p, String key, String fallback) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
  }
}
