package dev.aragora.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.aragora.server.receipt.ReceiptService;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.StoredDebate;
import io.javalin.http.Context;

/**
 * GET …/debates/{id}/export/json and …/export/md: a finished debate as one downloadable record; the
 * JSON one includes the debate's signed receipt, when it has one, as {@code receipt}.
 */
public final class ExportApi {
  private final Json json;
  private final DebateRepository debates;
  private final ReceiptService receipts;

  public ExportApi(Json json, DebateRepository debates, ReceiptService receipts) {
    this.json = json;
    this.debates = debates;
    this.receipts = receipts;
  }

  public void exportJson(Context ctx) {
    StoredDebate debate = finished(ctx, ctx.pathParam("id"));
    ObjectNode body = json.object();
    body.put("id", debate.id());
    body.put("status", debate.status());
    body.put("task", debate.task());
    body.put("created_at", debate.createdAt().toString());
    body.put("started_at", debate.startedAt() == null ? null : debate.startedAt().toString());
    body.put("finished_at", debate.finishedAt().toString());
    body.put("error", debate.error());
    body.set("request", json.parse(debate.requestJson()));
    body.set("metadata", json.parse(debate.metadataJson()));
    body.set("result", debate.result().map(json::parse).orElse(null));
    // Embedded byte for byte as signed, so that the export's "receipt" verifies on its own.
    receipts.receiptOf(debate).ifPresent(r -> body.putRawValue("receipt", new RawValue(r.canonicalJson())));
    ctx.header("Content-Disposition", "attachment; filename=\"" + debate.id() + ".json\"");
    json.send(ctx, 200, body);
  }

  public void exportMarkdown(Context ctx) {
    StoredDebate debate = finished(ctx, ctx.pathParam("id"));
    JsonNode result = debate.result().map(json::parse).orElse(null);
    ctx.header("Content-Disposition", "attachment; filename=\"" + debate.id() + ".md\"");
    ctx.status(200).contentType("text/markdown; charset=utf-8").result(DebateMarkdown.render(debate, result));
  }

  /** The tenant's finished debate {@code id}; another tenant's is not found. */
  private StoredDebate finished(Context ctx, String id) {
    StoredDebate debate = debates.find(RequestTenant.of(ctx), id).orElseThrow(() -> ApiError.notFound("no debate with id '" + id + "'"));
    if (!debate.isFinished()) {
      throw new ApiError(409, "not_finished", "debate '" + id + "' is " + debate.status()
          + "; it can be exported when it has ended");
    }
    return debate;
  }
}
