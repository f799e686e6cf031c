package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aragora.server.testing.ApiClient;
import dev.aragora.server.testing.DebatedServer;
import dev.aragora.server.testing.PrometheusText;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s/monitoring: the Grafana dashboard and the alert rules read only metrics a running
 * server exports — scraped, without credentials, after a real debate with one failed agent call.
 */
class MonitoringTest {
  @TempDir
  static Path dataDir;
  /** The monitoring kustomization, every object typed (the ServiceMonitor and PrometheusRule by their CRDs). */
  private static final List<HasMetadata> MONITORING = Manifests.kustomize("deploy/k8s/monitoring");
  private static DebatedServer server;
  private static Set<String> exported;
  private static int metricsStatus;

  @BeforeAll
  static void runADebateThenScrape() {
    server = DebatedServer.start(dataDir);
    server.debate("Should dashboards be code?", "");
    // the scrape a Prometheus without credentials makes (ARAGORA_METRICS_TOKEN is unset)
    ApiClient anonymous = ApiClient.anonymous(server.app().port());
    metricsStatus = anonymous.raw("/metrics").statusCode();
    exported = new TreeSet<>();
    PrometheusText.parse(server.scrapeSettled(anonymous)).samples().forEach(s -> exported.add(s.name()));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void metricsArePublicWithoutAToken() {
    assertThat(metricsStatus).isEqualTo(200);
    assertThat(exported).contains("aragora_debates_total", "aragora_agent_errors_total", "aragora_debate_duration_seconds_bucket");
  }

  @Test
  void dashboardQueriesOnlyExportedMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DeployFiles.file("deploy/k8s/monitoring/aragora-dashboard.json").toFile());
    List<String> exprs = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
    dashboard.findValues("query").stream().filter(JsonNode::isTextual).map(JsonNode::asText)
        .filter(q -> q.startsWith("label_values(")).forEach(q -> exprs.add(q.replaceAll("^label_values\\(([^,)]+).*", "$1")));
    assertThat(exprs).hasSizeGreaterThan(10);
    assertExported(exprs, "aragora-dashboard.json");
  }

  @Test
  void alertRulesReadOnlyExportedMetricsAndNameTheSeedAlerts() {
    PrometheusRule rule = Manifests.one(MONITORING, PrometheusRule.class, "aragora");
    List<String> alerts = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (RuleGroup group : rule.getSpec().getGroups())
      for (Rule r : group.getRules()) {
        alerts.add(r.getAlert());
        exprs.add(r.getExpr().getStrVal());
        assertThat(r.getLabels()).as(r.getAlert() + " labels").containsKey("severity");
        assertThat(r.getAnnotations()).as(r.getAlert() + " annotations").containsKeys("summary", "description");
      }
    assertThat(alerts).contains("AragoraHighErrorRate", "AragoraSlowDebates", "AragoraQuotaNearLimit");
    // seeds/000's fourth alert is only for servers with connectors; this one exports no connector metric
    assertThat(exported).noneMatch(n -> n.startsWith("aragora_connector_"));
    assertThat(alerts).doesNotContain("AragoraConnectorSyncFailed");
    assertExported(exprs, "alerts.yaml");
  }

  @Test
  void serviceMonitorScrapesThePortAndPathTheServiceAndServerHave() {
    ConfigMap dashboard = Manifests.one(MONITORING, ConfigMap.class, "aragora-grafana-dashboard");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    ServiceMonitor monitor = Manifests.all(MONITORING, ServiceMonitor.class).get(0);
    Service service = Manifests.one(Manifests.kustomize("deploy/k8s"), Service.class, "aragora");
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
    Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);
    assertThat(service.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(endpoint.getPort()));
    assertThat(endpoint.getPath()).isEqualTo("/metrics");
  }

  private static void assertExported(List<String> exprs, String file) {
    Map<String, Set<String>> missing = new HashMap<>();
    for (String expr : exprs) {
      Set<String> names = PromQl.metricNames(expr);
      assertThat(names).as("metrics in " + expr).isNotEmpty();
      for (String name : names) if (!exported.contains(name)) missing.computeIfAbsent(name, k -> new TreeSet<>()).add(expr);
    }
    assertThat(missing).as(file + ": metrics the server does not export (and where)").isEmpty();
  }

  @Test
  void promQlNamesAreFoundAndLabelsFunctionsAndKeywordsAreNot() {
    assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, provider) (rate(a_bucket{x=\"y|z\",s=~\"5..\"}[5m]))) > 300"))
        .containsExactly("a_bucket");
    assertThat(PromQl.metricNames("sum(rate(a_total[5m])) / sum(rate(b_count{s=\"5xx\"}[5m])) > bool 0.01 and on (le) c"))
        .containsExactly("a_total", "b_count", "c");
  }
}
