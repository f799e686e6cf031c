package dev.aragora.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.receipt.ReceiptJson;
import dev.aragora.core.receipt.ReceiptMarkdown;
import dev.aragora.core.receipt.Verification;
import dev.aragora.server.receipt.ReceiptService;
import dev.aragora.server.store.DebateRepository;
import dev.aragora.server.store.StoredDebate;
import dev.aragora.server.store.StoredReceipt;
import io.javalin.http.Context;

/**
 * GET …/debates/{id}/receipt (JSON, or Markdown with {@code ?format=md} or …/receipt/md) and
 * POST …/receipts/verify.
 */
public final class ReceiptApi {
  private final Json json;
  private final DebateRepository debates;
  private final ReceiptService receipts;
  private final long maxBodyBytes;

  public ReceiptApi(Json json, DebateRepository debates, ReceiptService receipts, long maxBodyBytes) {
    this.json = json;
    this.debates = debates;
    this.receipts = receipts;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** GET …/debates/{id}/receipt[?format=json|md] → the signed receipt, canonical JSON exactly as issued. */
  public void show(Context ctx) {
    String format = ctx.queryParam("format");
    if (format == null || format.isBlank() || format.strip().equals("json")) {
      StoredReceipt receipt = receipt(ctx, ctx.pathParam("id"));
      ctx.header("Content-Disposition", "attachment; filename=\"" + receipt.receiptId() + ".json\"");
      ctx.status(200).contentType("application/json").result(receipt.canonicalJson());
    } else if (format.strip().equals("md")) {
      markdown(ctx);
    } else {
      throw ApiError.badRequest("invalid_request", "format must be json or md, got '" + format + "'");
    }
  }

  /** GET …/debates/{id}/receipt/md → the receipt as a Markdown report. */
  public void markdown(Context ctx) {
    StoredReceipt receipt = receipt(ctx, ctx.pathParam("id"));
    ctx.header("Content-Disposition", "attachment; filename=\"" + receipt.receiptId() + ".md\"");
    ctx.status(200).contentType("text/markdown; charset=utf-8")
        .result(ReceiptMarkdown.render(ReceiptJson.read(receipt.canonicalJson())));
  }

  /**
   * POST …/receipts/verify with a receipt as the body → 200 {valid, reason, key_id, trusted}. A
   * body that is not a receipt (not JSON, not UTF-8, no signature) is an invalid receipt, answered
   * the same way; only a body over the size limit is refused (413).
   */
  public void verify(Context ctx) {
    ReceiptService.Checked checked = receipts.verify(RequestBody.read(ctx, maxBodyBytes));
    Verification v = checked.verification();
    ObjectNode body = json.object();
    body.put("valid", v.valid());
    body.put("reason", v.reason());
    body.put("key_id", v.keyId());
    body.put("trusted", checked.trusted());
    json.send(ctx, 200, body);
  }

  /** The receipt of the tenant's debate {@code id}; another tenant's debate is not found. */
  private StoredReceipt receipt(Context ctx, String id) {
    StoredDebate debate = debates.find(RequestTenant.of(ctx), id).orElseThrow(() -> ApiError.notFound("no debate with id '" + id + "'"));
    if (!debate.isFinished()) {
      throw new ApiError(409, "not_finished", "debate '" + id + "' is " + debate.status()
          + "; its receipt is issued when it has ended");
    }
    return receipts.receiptOf(debate).orElseThrow(() -> new ApiError(404, "no_receipt", "debate '" + id
        + "' ended " + debate.status() + " without a result, so it has no receipt"));
  }
}
