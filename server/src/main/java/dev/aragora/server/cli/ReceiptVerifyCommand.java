package dev.aragora.server.cli;

import dev.aragora.core.receipt.ReceiptVerifier;
import dev.aragora.core.receipt.Verification;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aragora receipt verify FILE}: checks a receipt's hash and Ed25519 signature from the file
 * alone (no server, no data directory). Exit 0 valid, 1 invalid, 2 unreadable.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Verify a decision receipt offline: its SHA-256 must match the record and its Ed25519 signature "
        + "must check with the key it names.",
        "Exit status: 0 valid, 1 invalid, 2 the file cannot be read."})
final class ReceiptVerifyCommand implements Callable<Integer> {
  /** Receipts are a few hundred KB at most; refuse to read gigabytes by mistake. */
  static final int MAX_BYTES = 64 * 1024 * 1024;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The receipt as JSON (as downloaded), or - for stdin.")
  String file;

  @Option(names = "--trust", paramLabel = "KEY_ID",
      description = "Also require the receipt to be signed by this key id (repeatable); see the server's log at start.")
  List<String> trusted = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] bytes;
    try {
      bytes = read();
    } catch (IOException e) {
      err.println("aragora: cannot read " + ("-".equals(file) ? "stdin" : file) + ": " + describe(e));
      return 2;
    }
    Verification v = ReceiptVerifier.verify(bytes, Set.copyOf(trusted));
    if (v.valid()) {
      out.println("valid: signed by Ed25519 key id " + v.keyId() + (trusted.isEmpty() ? "" : " (trusted)"));
      return 0;
    }
    out.println("invalid: " + v.reason());
    return 1;
  }

  private byte[] read() throws IOException {
    if ("-".equals(file)) return limited(System.in);
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return limited(in);
    }
  }

  private static byte[] limited(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES + " bytes; not a receipt");
    return bytes;
  }

  private static String describe(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException ignored -> "no such file";
      case java.nio.file.AccessDeniedException ignored -> "permission denied";
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
