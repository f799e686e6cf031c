package dev.aragora.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** .env.example lists exactly the variables the server reads (as {@link KnownEnv} finds them). */
class EnvFileTest {
  private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^#?\\s?([A-Z][A-Z0-9_]*)=");

  static Set<String> envExampleNames() {
    Set<String> names = new TreeSet<>();
    Matcher m = ASSIGNMENT.matcher(DeployFiles.read(".env.example"));
    while (m.find()) names.add(m.group(1));
    return names;
  }

  @Test
  void envExampleNamesOnlyVariablesTheServerReads() {
    assertThat(envExampleNames()).as("names in .env.example that no config class reads")
        .allMatch(KnownEnv::known, "read by the server");
    assertThat(envExampleNames().stream().filter(n -> !KnownEnv.known(n)).toList()).isEmpty();
  }

  @Test
  void envExampleListsEveryVariableTheServerReads() {
    Set<String> missing = new TreeSet<>(KnownEnv.names());
    missing.removeAll(envExampleNames());
    assertThat(missing).as("variables the server reads that .env.example does not list").isEmpty();
  }

  @Test
  void envExampleLeavesSecretsEmpty() {
    Matcher m = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*(?:KEY|SECRET|TOKEN|PASSWORD))=(.*)$")
        .matcher(DeployFiles.read(".env.example"));
    while (m.find()) assertThat(m.group(2)).as(m.group(1) + " in .env.example").isEmpty();
  }
}
