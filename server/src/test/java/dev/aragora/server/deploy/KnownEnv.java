package dev.aragora.server.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The single source of truth for "a variable the server reads": every string literal in the main
 * sources of core/ and server/ that names an environment variable of the project's families —
 * {@code ARAGORA_*}, provider {@code *_API_KEY} / {@code *_BASE_URL}, {@code OTEL_*}, and the
 * conventional {@code PORT}, {@code DATABASE_URL}, {@code REDIS_URL}, {@code HOSTNAME}. A literal
 * ending in {@code _} (such as {@code "OTEL_"}) is a prefix the code hands on whole (the
 * OpenTelemetry SDK reads every {@code OTEL_*} variable), so any name under it is known.
 *
 * <p>Derived from the code, never listed by hand: a setting added to a config class is known at
 * once, and one removed makes every manifest that still names it fail.
 */
final class KnownEnv {
  private static final Pattern LITERAL = Pattern.compile(
      "\"((?:ARAGORA_[A-Z0-9_]*|[A-Z][A-Z0-9]*_(?:API_KEY|BASE_URL)|OTEL_[A-Z0-9_]*|PORT|DATABASE_URL|REDIS_URL|HOSTNAME))\"");
  /** Read by the JVM or the image's launcher, not by the server's config. */
  static final Set<String> JVM = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");

  private static Set<String> names;
  private static Set<String> prefixes;

  private KnownEnv() {}

  /** The exact names (prefixes left out). */
  static synchronized Set<String> names() {
    if (names == null) scan();
    return names;
  }

  static synchronized Set<String> prefixes() {
    if (prefixes == null) scan();
    return prefixes;
  }

  static boolean known(String name) {
    return names().contains(name) || prefixes().stream().anyMatch(name::startsWith);
  }

  private static void scan() {
    Set<String> exact = new TreeSet<>();
    Set<String> prefix = new TreeSet<>();
    Path root = DeployFiles.root();
    for (String dir : new String[] {"core/src/main/java", "server/src/main/java"}) {
      try (Stream<Path> files = Files.walk(root.resolve(dir))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = LITERAL.matcher(Files.readString(file));
          while (m.find()) (m.group(1).endsWith("_") ? prefix : exact).add(m.group(1));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!exact.contains("ARAGORA_DATA_DIR") || !exact.contains("PORT"))
      throw new IllegalStateException("the source scan found no ARAGORA_DATA_DIR or PORT: " + exact);
    names = Set.copyOf(exact);
    prefixes = Set.copyOf(prefix);
  }
}
