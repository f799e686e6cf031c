package dev.aragora.server.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Rendered Kubernetes objects, each parsed into its fabric8 model class (the Kubernetes API schema
 * and, for custom resources, the schema of their CRD, offline) and rejected when any field at any
 * depth is one the schema does not have.
 */
final class Manifests {
  /**
   * KubernetesResource binds through fabric8's deserializer, which finds the class of an apiVersion
   * and kind among the model jars on the class path: the core API and the CRD-generated models of
   * cert-manager and the Prometheus operator.
   */
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifests() {}

  /** {@code kubectl kustomize dir}: the objects it renders. */
  static List<HasMetadata> kustomize(String dir) {
    Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(p -> Path.of(p, "kubectl")).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new AssertionError("kubectl is not installed: it renders the kustomizations "
            + "(kubectl kustomize " + dir + "); install kubectl (the machine image has it at /usr/bin/kubectl)"));
    try {
      Process process = new ProcessBuilder(kubectl.toString(), "kustomize", DeployFiles.file(dir).toString()).start();
      var err = process.getErrorStream();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("kubectl kustomize " + dir + " hung");
      if (process.exitValue() != 0) throw new AssertionError("kubectl kustomize " + dir + " failed: " + errors);
      return parse(out, "kubectl kustomize " + dir);
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError("kubectl kustomize " + dir + ": " + e, e);
    }
  }

  /** Every document of {@code yaml} as a typed object, checked against the schema. */
  static List<HasMetadata> parse(String yaml, String source) {
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode doc : DeployFiles.documents(yaml)) objects.add(typed(doc, source));
    return objects;
  }

  static HasMetadata typed(JsonNode doc, String source) {
    String what = source + ": " + doc.path("kind").asText() + "/" + doc.at("/metadata/name").asText();
    KubernetesResource resource;
    try {
      resource = JSON.treeToValue(doc, KubernetesResource.class);
    } catch (Exception e) {
      throw new AssertionError(what + " does not parse as a Kubernetes object: " + e.getMessage(), e);
    }
    if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata object))
      throw new AssertionError(what + ": " + doc.path("apiVersion").asText() + " " + doc.path("kind").asText()
          + " is not a kind of the Kubernetes API model or of a known CRD");
    List<String> unknown = new ArrayList<>();
    unknownFields(object, doc.path("kind").asText(), unknown);
    if (!unknown.isEmpty()) throw new AssertionError(what + " has fields the Kubernetes schema does not know: " + unknown);
    return object;
  }

  /** Fields Jackson could not bind (fabric8 keeps them in additionalProperties), with their paths. */
  static void unknownFields(Object value, String path, List<String> out) {
    if (value == null) return;
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) unknownFields(item, path + "[" + i++ + "]", out);
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (var e : map.entrySet()) unknownFields(e.getValue(), path + "." + e.getKey(), out);
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) return;
    for (Method m : value.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) continue;
      Object child;
      try {
        child = m.invoke(value);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) out.add(path + " " + extra.keySet());
        continue;
      }
      String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
      unknownFields(child, path + "." + name, out);
    }
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
    return all(objects, type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  /** The pod template of a workload, if the object has one. */
  static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
    if (object instanceof Deployment d) return Optional.of(d.getSpec().getTemplate());
    if (object instanceof StatefulSet s) return Optional.of(s.getSpec().getTemplate());
    if (object instanceof Job j) return Optional.of(j.getSpec().getTemplate());
    return Optional.empty();
  }

  /** Containers running the Aragora image (the image stanza rewrites {@code aragora}). */
  static List<Container> aragoraContainers(List<HasMetadata> objects, String image) {
    return objects.stream().flatMap(o -> podTemplate(o).stream())
        .flatMap(t -> t.getSpec().getContainers().stream()).filter(c -> c.getImage().startsWith(image)).toList();
  }
}
