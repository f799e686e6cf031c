package dev.aragora.server.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI document and a Swagger UI page that browses it (the UI's files come from its webjar). */
public final class DocsApi {
  private final byte[] openApi;
  private final String page;

  public DocsApi(String swaggerUiVersion) {
    try (InputStream in = DocsApi.class.getResourceAsStream("/openapi/openapi.yaml")) {
      if (in == null) throw new IllegalStateException("openapi.yaml is missing from the jar");
      this.openApi = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String assets = "/webjars/swagger-ui/" + swaggerUiVersion;
    this.page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Aragora API</title>
          <link rel="stylesheet" href="%1$s/swagger-ui.css">
        </head>
        <body>
          <div id="ui"></div>
          <script src="%1$s/swagger-ui-bundle.js"></script>
          <script>window.ui = SwaggerUIBundle({url: "/api/v2/openapi.yaml", dom_id: "#ui"});</script>
        </body>
        </html>
        """.formatted(assets);
  }

  public void openApi(Context ctx) {
    ctx.contentType("application/yaml; charset=utf-8").result(openApi);
  }

  public void ui(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(page);
  }
}
