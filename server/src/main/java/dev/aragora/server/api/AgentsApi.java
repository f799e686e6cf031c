package dev.aragora.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aragora.core.provider.ProviderCatalog;
import dev.aragora.core.provider.demo.DemoProvider;
import io.javalin.http.Context;

/** GET /api/v2/agents: the agent types, who serves each, and whether its key is set (never the key). */
public final class AgentsApi {
  private final Json json;
  private final ProviderCatalog catalog;

  public AgentsApi(Json json, ProviderCatalog catalog) {
    this.json = json;
    this.catalog = catalog;
  }

  public void list(Context ctx) {
    ObjectNode body = json.object();
    ArrayNode agents = body.putArray("agents");
    for (ProviderCatalog.AgentType type : catalog.agentTypes()) {
      ObjectNode node = agents.addObject();
      node.put("type", type.type());
      node.put("provider", type.provider());
      node.put("key_variable", type.keyVariable().isEmpty() ? null : type.keyVariable());
      node.put("key_set", type.keyVariable().isEmpty() ? null : type.ready());
      node.put("ready", type.ready());
      node.put("default_model", type.defaultModel().isEmpty() ? null : type.defaultModel());
    }
    ArrayNode personas = body.putArray("demo_personas");
    DemoProvider.PERSONAS.forEach(personas::add);
    body.put("spec_format", "type, type:model, or demo:<persona>");
    json.send(ctx, 200, body);
  }
}
