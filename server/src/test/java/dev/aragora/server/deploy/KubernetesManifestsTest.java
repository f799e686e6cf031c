package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aragora.server.cli.Main;
import io.fabric8.certmanager.api.model.acme.v1.ACMEIssuer;
import io.fabric8.certmanager.api.model.v1.ClusterIssuer;
import dev.aragora.server.config.ServerConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s (kustomize base) and deploy/kubernetes (HA overlay): both render with kubectl, every
 * object is schema-valid, and what they promise is true of the server.
 */
class KubernetesManifestsTest {
  private static final String IMAGE = "your-registry/aragora:v1.0.0";
  private static final List<HasMetadata> BASE = Manifests.kustomize("deploy/k8s");
  private static final List<HasMetadata> HA = Manifests.kustomize("deploy/kubernetes");

  @Test
  void schemaCheckRejectsFieldsAndKindsTheApiDoesNotHave() {
    String typo = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          selector: {matchLabels: {a: b}}
          template:
            metadata: {labels: {a: b}}
            spec:
              containers:
                - name: x
                  image: x
                  livenessProbe: {httpGet: {path: /healthz, port: 8080}, initialDelay: 3}
        """;
    assertThatThrownBy(() -> Manifests.parse(typo, "typo")).hasMessageContaining("livenessProbe")
        .hasMessageContaining("initialDelay");
    assertThatThrownBy(() -> Manifests.parse("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n", "crd"))
        .hasMessageContaining("not a kind of the Kubernetes API model");
  }

  @Test
  void baseRendersTheWholeStackInTheAragoraNamespace() {
    assertThat(BASE).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
        "Namespace/aragora", "ConfigMap/aragora-config", "Deployment/aragora", "Service/aragora", "Ingress/aragora",
        "Ingress/aragora-ws", "StatefulSet/postgres", "Service/postgres", "StatefulSet/aragora-redis",
        "Service/aragora-redis", "Job/aragora-migrate", "Job/aragora-migrate-status", "NetworkPolicy/default-deny-ingress");
    for (HasMetadata o : BASE)
      if (!(o instanceof Namespace)) assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo("aragora");
  }

  @Test
  void imageStanzaNamesTheImageOfEveryAragoraContainer() {
    List<Container> containers = Manifests.aragoraContainers(BASE, "your-registry/aragora");
    assertThat(containers).hasSize(3).allSatisfy(c -> assertThat(c.getImage()).isEqualTo(IMAGE));
  }

  @Test
  void probesArePathsAndPortsTheStartedServerAnswers() throws Exception {
    List<String> paths = new ArrayList<>();
    for (List<HasMetadata> objects : List.of(BASE, HA)) {
      Container c = Manifests.one(objects, Deployment.class, "aragora").getSpec().getTemplate().getSpec().getContainers().get(0);
      String live = Probes.httpPath(c, c.getLivenessProbe(), "livenessProbe");
      String ready = Probes.httpPath(c, c.getReadinessProbe(), "readinessProbe");
      assertThat(live).isEqualTo("/healthz");
      assertThat(ready).isEqualTo("/readyz");
      paths.add(live);
      paths.add(ready);
    }
    Probes.answeredByAStartedServer(paths);
  }

  @Test
  void deploymentHasTheRecommendedResources() {
    Container c = Manifests.one(BASE, Deployment.class, "aragora").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("512Mi"));
    assertThat(c.getResources().getLimits()).containsEntry("cpu", new Quantity("2")).containsEntry("memory", new Quantity("2Gi"));
    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/app/data"));
  }

  @Test
  void servicesSelectPodsAndTargetPortsThatExist() {
    for (List<HasMetadata> objects : List.of(BASE, HA)) {
      for (Service service : Manifests.all(objects, Service.class)) {
        var template = objects.stream().flatMap(o -> Manifests.podTemplate(o).stream())
            .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
            .findFirst().orElseThrow(() -> new AssertionError("Service " + service.getMetadata().getName() + " selects no pod"));
        Container container = template.getSpec().getContainers().get(0);
        service.getSpec().getPorts().forEach(p -> Probes.port(container, p.getTargetPort()));
      }
    }
    assertThat(Manifests.one(BASE, Service.class, "aragora").getSpec().getPorts().get(0).getPort())
        .isEqualTo(ServerConfig.DEFAULT_PORT);
  }

  @Test
  void everyVariableGivenToAragoraIsOneTheServerReads() {
    List<String> names = new ArrayList<>();
    for (List<HasMetadata> objects : List.of(BASE, HA)) {
      for (Container c : Manifests.aragoraContainers(objects, "your-registry/aragora"))
        c.getEnv().stream().map(EnvVar::getName).forEach(names::add);
      names.addAll(Manifests.one(objects, ConfigMap.class, "aragora-config").getData().keySet());
    }
    Secret template = (Secret) Manifests.parse(DeployFiles.read("deploy/k8s/secret.yaml"), "secret.yaml").get(0);
    names.addAll(template.getStringData().keySet());
    assertThat(names).isNotEmpty();
    assertThat(names.stream().filter(n -> !KnownEnv.known(n)).toList()).as("names the server does not read").isEmpty();
  }

  @Test
  void ingressUsesCertManagerAndTheGatewayTimeouts() {
    Ingress api = Manifests.one(BASE, Ingress.class, "aragora");
    assertThat(api.getMetadata().getAnnotations()).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-prod")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "300")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "300")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "50m")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-http-version", "1.1")
        .containsEntry("nginx.ingress.kubernetes.io/upstream-hash-by", "$remote_addr");
    assertThat(api.getSpec().getTls().get(0).getSecretName()).isEqualTo("aragora-tls");
    Ingress ws = Manifests.one(BASE, Ingress.class, "aragora-ws");
    assertThat(ws.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath()).isEqualTo("/ws");
    assertThat(ws.getMetadata().getAnnotations()).containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
        .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600");
  }

  @Test
  void redisIsAppendOnlyAndPostgresKeepsItsData() {
    Container redis = Manifests.one(BASE, StatefulSet.class, "aragora-redis").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(String.join(" ", redis.getArgs())).contains("--appendonly yes");
    assertThat(Manifests.one(BASE, StatefulSet.class, "postgres").getSpec().getVolumeClaimTemplates()).isNotEmpty();
  }

  /** The migration Jobs run commands that exist: {@code aragora migrate} then {@code migrate --verify} exit 0. */
  @Test
  void migrationJobsRunTheMigrateCommandsWithArgoHooks(@TempDir Path data) {
    Job migrate = Manifests.one(BASE, Job.class, "aragora-migrate");
    Job status = Manifests.one(BASE, Job.class, "aragora-migrate-status");
    assertThat(migrate.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/hook", "PreSync");
    List<String> migrateArgs = migrate.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    List<String> statusArgs = status.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertThat(migrateArgs).containsExactly("migrate");
    assertThat(statusArgs).containsExactly("migrate", "--verify");
    Map<String, String> env = Map.of("ARAGORA_DATA_DIR", data.toString());
    for (List<String> args : List.of(migrateArgs, statusArgs)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(args.toArray(String[]::new), env, new PrintWriter(out, true), new PrintWriter(err, true));
      assertThat(code).as("aragora " + String.join(" ", args) + ": " + out + err).isZero();
    }
  }

  @Test
  void networkPoliciesSelectPodsThatExist() {
    for (NetworkPolicy policy : Manifests.all(BASE, NetworkPolicy.class)) {
      Map<String, String> labels = policy.getSpec().getPodSelector().getMatchLabels();
      if (labels == null || labels.isEmpty()) continue;
      assertThat(BASE.stream().flatMap(o -> Manifests.podTemplate(o).stream())
          .anyMatch(t -> t.getMetadata().getLabels().entrySet().containsAll(labels.entrySet())))
          .as("NetworkPolicy " + policy.getMetadata().getName() + " selects a pod").isTrue();
    }
  }

  @Test
  void haRunsSeveralReplicasWithAutoscalingDisruptionBudgetAndSpread() {
    Deployment deployment = Manifests.one(HA, Deployment.class, "aragora");
    assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    HorizontalPodAutoscaler hpa = Manifests.one(HA, HorizontalPodAutoscaler.class, "aragora");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("aragora");
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    PodDisruptionBudget pdb = Manifests.one(HA, PodDisruptionBudget.class, "aragora");
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0)
        .getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(pod.getTopologySpreadConstraints().get(0).getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
    // the overlay keeps the base's probes and resources
    assertThat(pod.getContainers().get(0).getLivenessProbe()).isNotNull();
    assertThat(Manifests.all(BASE, HorizontalPodAutoscaler.class)).isEmpty();
  }

  @Test
  void secretTemplateIsSchemaValidAndNotPartOfTheKustomization() {
    List<HasMetadata> secrets = Manifests.parse(DeployFiles.read("deploy/k8s/secret.yaml"), "secret.yaml");
    assertThat(secrets).extracting(o -> o.getMetadata().getName()).containsExactly("aragora-secrets", "aragora-postgres");
    assertThat(Manifests.all(BASE, Secret.class)).isEmpty();
  }

  @Test
  void certManagerDefinesTheThreeClusterIssuersValidAgainstItsCrd() {
    List<ClusterIssuer> issuers = Manifests.all(
        Manifests.parse(DeployFiles.read("deploy/k8s/cert-manager.yaml"), "cert-manager.yaml"), ClusterIssuer.class);
    assertThat(issuers).extracting(i -> i.getMetadata().getName())
        .containsExactly("letsencrypt-staging", "letsencrypt-prod", "selfsigned-issuer");
    for (ClusterIssuer issuer : issuers.subList(0, 2)) {
      ACMEIssuer acme = issuer.getSpec().getAcme();
      assertThat(acme.getServer()).startsWith("https://acme-");
      assertThat(acme.getEmail()).isEqualTo("admin@aragora.ai");
      assertThat(acme.getPrivateKeySecretRef().getName()).isNotEmpty();
      assertThat(acme.getSolvers().get(0).getHttp01().getIngress()).isNotNull();
    }
    assertThat(issuers.get(0).getSpec().getAcme().getServer()).contains("staging");
    assertThat(issuers.get(2).getSpec().getSelfSigned()).isNotNull();
  }

  @Test
  void customResourcesAreCheckedAgainstTheirCrdSchema() {
    String typo = """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata: {name: x}
        spec:
          acme: {server: "https://acme-v02.api.letsencrypt.org/directory", emial: a@b.c}
        """;
    assertThatThrownBy(() -> Manifests.parse(typo, "typo")).hasMessageContaining("acme").hasMessageContaining("emial");
  }
}
