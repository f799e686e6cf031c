package dev.aragora.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aragora receipt …}: work with decision receipts offline. */
@Command(name = "receipt", mixinStandardHelpOptions = true, description = "Work with decision receipts offline.",
    subcommands = {ReceiptVerifyCommand.class})
final class ReceiptCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
