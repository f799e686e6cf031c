package dev.aragora.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migration scripts this build ships ({@code db/migration/V<n>__<words>.sql} on the class
 * path), named as the migrate command prints them ("V3 ratings"), so that tests need not change
 * with every new migration.
 */
public final class MigrationScripts {
  private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__(.+)\\.sql");

  private MigrationScripts() {}

  /** "V1 debates and events", "V2 memory entries", … in version order. */
  public static List<String> names() {
    return scripts().stream().map(m -> "V" + m.group(1) + " " + m.group(2).replace('_', ' ')).toList();
  }

  public static int latest() {
    return scripts().stream().mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
  }

  /** The name of version {@code n}. */
  public static String name(int n) {
    return names().stream().filter(s -> s.startsWith("V" + n + " ")).findFirst().orElseThrow();
  }

  private static List<Matcher> scripts() {
    URL folder = MigrationScripts.class.getClassLoader().getResource("db/migration");
    if (folder == null) throw new IllegalStateException("db/migration is not on the class path");
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.map(p -> SCRIPT.matcher(p.getFileName().toString())).filter(Matcher::matches)
          .sorted(Comparator.comparingInt(m -> Integer.parseInt(m.group(1)))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
