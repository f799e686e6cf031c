package dev.aragora.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the CLI in this JVM ({@link Main#run}) with the given environment: exit code and what it printed. */
record CliRun(int exit, String out, String err) {
  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Standard output and standard error together. */
  String all() {
    return out + err;
  }
}
