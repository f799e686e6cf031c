package dev.aragora.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** GET /: one page that starts a debate and follows it live over SSE, so a newcomer sees one with no setup. */
public final class HomePage {
  private final byte[] page;

  public HomePage() {
    try (InputStream in = HomePage.class.getResourceAsStream("/web/index.html")) {
      if (in == null) throw new IllegalStateException("web/index.html is missing from the jar");
      this.page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void show(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }
}
