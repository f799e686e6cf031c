package dev.aragora.server.cli;

import dev.aragora.server.ops.BuildInfo;
import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
  static String current() {
    return BuildInfo.load().version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"aragora " + current()};
  }
}
