package dev.aragora.server.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
  static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"aragora " + current()};
  }
}
