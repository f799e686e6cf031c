package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/helm/aragora rendered and linted by Helm itself (helm-java runs Helm's Go library in this
 * JVM) for the default values and values-ha.yaml; every object is schema-valid (fabric8).
 */
class HelmChartTest {
  private static final Path CHART = DeployFiles.file("deploy/helm/aragora");
  private static final Path HA_VALUES = DeployFiles.file("deploy/helm/aragora/values-ha.yaml");

  static List<HasMetadata> render(UnaryOperator<TemplateCommand> options) {
    String yaml = options.apply(new Helm(CHART).template().withName("aragora").withNamespace("aragora")).call();
    return Manifests.parse(yaml, "helm template deploy/helm/aragora");
  }

  static final List<HasMetadata> DEFAULT = render(t -> t);
  static final List<HasMetadata> HA = render(t -> t.withValuesFile(HA_VALUES));

  @Test
  void defaultValuesLint() {
    LintResult lint = new Helm(CHART).lint().call();
    assertThat(lint.isFailed()).as("helm lint: " + lint.getMessages()).isFalse();
  }

  /** helm lint takes no values file: lint a copy of the chart whose values.yaml has the HA values merged in. */
  @Test
  void haValuesLint(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("aragora");
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path f : files.toList()) {
        Path target = copy.resolve(CHART.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(target);
        else Files.copy(f, target);
      }
    }
    JsonNode merged = merge((ObjectNode) DeployFiles.yaml("deploy/helm/aragora/values.yaml"),
        DeployFiles.yaml("deploy/helm/aragora/values-ha.yaml"));
    Files.writeString(copy.resolve("values.yaml"), DeployFiles.YAML.writeValueAsString(merged));
    LintResult lint = new Helm(copy).lint().call();
    assertThat(lint.isFailed()).as("helm lint with values-ha.yaml: " + lint.getMessages()).isFalse();
  }

  private static JsonNode merge(ObjectNode base, JsonNode over) {
    over.properties().forEach(e -> {
      JsonNode current = base.get(e.getKey());
      if (current instanceof ObjectNode o && e.getValue().isObject()) merge(o, e.getValue());
      else base.set(e.getKey(), e.getValue());
    });
    return base;
  }

  @Test
  void defaultBundlesPostgresAndRedisWithoutAutoscaling() {
    assertThat(DEFAULT).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
        "Deployment/aragora", "Service/aragora", "ConfigMap/aragora-config", "Secret/aragora-generated",
        "StatefulSet/aragora-postgres", "Service/aragora-postgres", "StatefulSet/aragora-redis", "Service/aragora-redis");
    assertThat(Manifests.all(DEFAULT, HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(Manifests.all(DEFAULT, PodDisruptionBudget.class)).isEmpty();
    assertThat(Manifests.all(DEFAULT, Ingress.class)).isEmpty();
    assertThat(Manifests.one(DEFAULT, Deployment.class, "aragora").getSpec().getReplicas()).isEqualTo(1);
    assertThat(Manifests.one(DEFAULT, ConfigMap.class, "aragora-config").getData())
        .containsEntry("ARAGORA_REDIS_URL", "redis://aragora-redis:6379/0");
    assertThat(decoded(Manifests.one(DEFAULT, Secret.class, "aragora-generated"), "DATABASE_URL"))
        .startsWith("postgresql://aragora:").endsWith("@aragora-postgres:5432/aragora");
  }

  @Test
  void haAutoscalesKeepsOneAvailableSpreadsAndUsesTheExternalDatabase() {
    HorizontalPodAutoscaler hpa = Manifests.one(HA, HorizontalPodAutoscaler.class, "aragora");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
    PodDisruptionBudget pdb = Manifests.one(HA, PodDisruptionBudget.class, "aragora");
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
    Deployment deployment = Manifests.one(HA, Deployment.class, "aragora");
    assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
    assertThat(pod.getTopologySpreadConstraints().get(0).getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(Manifests.all(HA, StatefulSet.class)).extracting(s -> s.getMetadata().getName()).containsExactly("aragora-redis");
    assertThat(decoded(Manifests.one(HA, Secret.class, "aragora-generated"), "DATABASE_URL"))
        .contains("@postgres.example.internal:5432/");
    Ingress ingress = Manifests.one(HA, Ingress.class, "aragora");
    assertThat(ingress.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-prod")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600");
    assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("aragora.yourdomain.com");
  }

  @Test
  void networkPoliciesAdmitOnlyTheListedNamespacesAndTheReleasesOwnPods() {
    assertThat(Manifests.all(DEFAULT, NetworkPolicy.class)).isEmpty();
    // HA: external PostgreSQL, bundled Redis
    assertThat(Manifests.all(HA, NetworkPolicy.class)).extracting(p -> p.getMetadata().getName())
        .containsExactly("aragora", "aragora-redis");
    NetworkPolicy servers = Manifests.one(HA, NetworkPolicy.class, "aragora");
    Deployment deployment = Manifests.one(HA, Deployment.class, "aragora");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(servers.getSpec().getPodSelector().getMatchLabels());
    var rule = servers.getSpec().getIngress().get(0);
    assertThat(rule.getFrom()).extracting(f -> f.getNamespaceSelector() == null ? "pods"
        : f.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .containsExactly("ingress-nginx", "monitoring", "pods");
    String port = rule.getPorts().get(0).getPort().getStrVal();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
        .anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));

    List<HasMetadata> bundled = render(t -> t.set("networkPolicy.enabled", true));
    NetworkPolicy postgres = Manifests.one(bundled, NetworkPolicy.class, "aragora-postgres");
    StatefulSet postgresSet = Manifests.one(bundled, StatefulSet.class, "aragora-postgres");
    assertThat(postgresSet.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(postgres.getSpec().getPodSelector().getMatchLabels());
    assertThat(postgres.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions().get(0)
        .getValues()).containsExactly("aragora", "aragora-migrate");
    NetworkPolicy redis = Manifests.one(bundled, NetworkPolicy.class, "aragora-redis");
    assertThat(Manifests.one(bundled, StatefulSet.class, "aragora-redis").getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(redis.getSpec().getPodSelector().getMatchLabels());
  }

  @Test
  void settingBothDisruptionBudgetFieldsFailsTheRenderWithAClearMessage() {
    assertThatThrownBy(() -> render(t -> t.set("aragora.podDisruptionBudget.enabled", true)
        .set("aragora.podDisruptionBudget.minAvailable", 1).set("aragora.podDisruptionBudget.maxUnavailable", 1)))
        .hasMessageContaining("set either minAvailable or maxUnavailable, not both");
  }

  @Test
  void ingressSpecAndServiceAnnotationsAreTakenAsGiven() {
    List<HasMetadata> objects = render(t -> t.set("aragora.ingress.enabled", true)
        .set("aragora.ingress.spec.ingressClassName", "traefik")
        .set("aragora.ingress.spec.defaultBackend.service.name", "aragora")
        .set("aragora.ingress.spec.defaultBackend.service.port.number", 8080)
        .set("aragora.service.annotations.cloud\\.google\\.com/backend-config", "{\"default\":\"aragora\"}"));
    Ingress ingress = Manifests.one(objects, Ingress.class, "aragora");
    assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("traefik");
    assertThat(ingress.getSpec().getRules()).isNullOrEmpty();
    assertThat(ingress.getSpec().getDefaultBackend().getService().getPort().getNumber()).isEqualTo(8080);
    assertThat(Manifests.one(objects, Service.class, "aragora").getMetadata().getAnnotations())
        .containsKey("cloud.google.com/backend-config");
  }

  @Test
  void maxUnavailableAloneIsABudget() {
    List<HasMetadata> objects = render(t -> t.set("aragora.podDisruptionBudget.enabled", true)
        .set("aragora.podDisruptionBudget.minAvailable", "null").set("aragora.podDisruptionBudget.maxUnavailable", "25%"));
    PodDisruptionBudget pdb = Manifests.one(objects, PodDisruptionBudget.class, "aragora");
    assertThat(pdb.getSpec().getMaxUnavailable().getStrVal()).isEqualTo("25%");
    assertThat(pdb.getSpec().getMinAvailable()).isNull();
  }

  @Test
  void secretsAreGeneratedWhenAbsentKeptAcrossUpgradesAndTakenWhenGiven() throws Exception {
    Secret generated = Manifests.one(DEFAULT, Secret.class, "aragora-generated");
    assertThat(generated.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    assertThat(decoded(generated, "ARAGORA_JWT_SECRET")).hasSizeGreaterThanOrEqualTo(32);
    assertThat(decoded(generated, "ARAGORA_API_TOKEN")).hasSizeGreaterThanOrEqualTo(16);
    assertThat(decoded(generated, "ARAGORA_ADMIN_PASSWORD")).isNotEmpty();
    // the receipt key every replica shares is one the server loads
    assertThat(dev.aragora.core.receipt.ReceiptKeys.fromPrivateKey(decoded(generated, "ARAGORA_RECEIPT_SIGNING_KEY"),
        "the chart's Secret").getPublic().getAlgorithm()).isIn("Ed25519", "EdDSA");
    // an upgrade finds the Secret of the release (helm template has no cluster, so lookup is empty here)
    assertThat(Files.readString(CHART.resolve("templates/_helpers.tpl"))).contains("lookup \"v1\" \"Secret\"").contains("Release.IsUpgrade");
    String mine = "my-own-jwt-secret-0123456789abcdef-0123456789";
    Secret given = Manifests.one(render(t -> t.set("aragora.secrets.jwtSecret", mine)), Secret.class, "aragora-generated");
    assertThat(decoded(given, "ARAGORA_JWT_SECRET")).isEqualTo(mine);
  }

  @Test
  void probesArePathsAndPortsTheStartedServerAnswers() throws Exception {
    List<String> paths = new ArrayList<>();
    for (List<HasMetadata> objects : List.of(DEFAULT, HA)) {
      Container c = Manifests.one(objects, Deployment.class, "aragora").getSpec().getTemplate().getSpec().getContainers().get(0);
      paths.add(Probes.httpPath(c, c.getLivenessProbe(), "livenessProbe"));
      paths.add(Probes.httpPath(c, c.getReadinessProbe(), "readinessProbe"));
      Service service = Manifests.one(objects, Service.class, "aragora");
      assertThat(service.getSpec().getPorts()).allSatisfy(p -> Probes.port(c, p.getTargetPort()));
    }
    assertThat(paths).containsOnly("/healthz", "/readyz");
    Probes.answeredByAStartedServer(paths);
  }

  @Test
  void everyVariableTheChartSetsIsOneTheServerReads() {
    List<String> names = new ArrayList<>();
    for (List<HasMetadata> objects : List.of(DEFAULT, HA)) {
      names.addAll(Manifests.one(objects, ConfigMap.class, "aragora-config").getData().keySet());
      names.addAll(Manifests.one(objects, Secret.class, "aragora-generated").getData().keySet());
      for (Container c : Manifests.aragoraContainers(objects, "your-registry/aragora"))
        c.getEnv().stream().map(EnvVar::getName).forEach(names::add);
    }
    assertThat(names).isNotEmpty();
    assertThat(names.stream().filter(n -> !KnownEnv.known(n)).toList()).as("names the server does not read").isEmpty();
  }

  /**
   * helm-java's template leaves hooks out of its output (Helm's own CLI appends them), so the
   * migration Job is checked as the plain resource it is with {@code migration.helmHook=false}.
   */
  @Test
  void migrationJobRunsMigrateAsAHookBeforeTheServers() throws Exception {
    List<HasMetadata> objects = render(t -> t.set("aragora.migration.helmHook", false));
    Job migrate = Manifests.one(objects, Job.class, "aragora-migrate");
    Container container = migrate.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsExactly("migrate");
    assertThat(container.getImage()).isEqualTo(Manifests.one(objects, Deployment.class, "aragora").getSpec()
        .getTemplate().getSpec().getContainers().get(0).getImage());
    assertThat(migrate.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/hook", "PreSync");
    assertThat(Manifests.one(objects, ConfigMap.class, "aragora-config").getData())
        .containsEntry("ARAGORA_DB_MIGRATE_ON_START", "false");
    assertThat(Files.readString(CHART.resolve("templates/migration-job.yaml")))
        .contains("helm.sh/hook: post-install,pre-upgrade");
  }

  private static String decoded(Secret secret, String key) {
    assertThat(secret.getData()).containsKey(key);
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }
}
