package dev.aragora.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KeyPair keys;
  private static ReceiptSigner signer;
  private static Receipt receipt;
  private static String canonical;

  @BeforeAll
  static void sign() {
    keys = ReceiptKeys.generate();
    signer = new ReceiptSigner(keys);
    receipt = signer.sign(Receipts.from(ReceiptTestData.result(), Instant.parse("2025-06-01T12:00:00Z")));
    canonical = ReceiptJson.write(receipt);
  }

  @Test
  void aSignedReceiptVerifies() {
    Verification v = ReceiptVerifier.verify(canonical);

    assertThat(v).isEqualTo(new Verification(true, "ok", signer.keyId()));
    assertThat(receipt.sha256()).matches("[0-9a-f]{64}")
        .isEqualTo(ReceiptJson.sha256Hex(ReceiptJson.signedBytes(receipt.unsigned())));
    assertThat(receipt.signature().algorithm()).isEqualTo("Ed25519");
    assertThat(receipt.signature().keyId()).hasSize(16).isEqualTo(signer.keyId());
    assertThat(receipt.signature().publicKey()).isEqualTo(signer.publicKey());
  }

  @Test
  void theCanonicalFormDoesNotDependOnFieldOrderOrFormatting() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(canonical);
    String reordered = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reversed(tree));

    assertThat(reordered).isNotEqualTo(canonical);
    assertThat(CanonicalJson.string(JSON.readTree(reordered))).isEqualTo(canonical);
    assertThat(ReceiptVerifier.verify(reordered).valid()).isTrue();
    assertThat(ReceiptVerifier.verify(ReceiptJson.writePretty(receipt)).valid()).isTrue();
  }

  @Test
  void signingTheSameRecordTwiceGivesTheSameHashAndBytes() {
    Receipt again = signer.sign(Receipts.from(ReceiptTestData.result(), Instant.parse("2025-06-01T12:00:00Z")));

    assertThat(again.sha256()).isEqualTo(receipt.sha256());
    assertThat(ReceiptJson.write(again)).isEqualTo(canonical); // Ed25519 signatures are deterministic
    assertThat(ReceiptJson.read(canonical)).isEqualTo(receipt);
  }

  @Test
  void changingAnyByteOfTheReceiptFailsVerification() {
    byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
    List<String> passed = new ArrayList<>();
    byte[] replacements = {'0', 'A', 'a', ' ', '"', '\\', '}', ','};
    for (int i = 0; i < bytes.length; i++) {
      List<Byte> tries = new ArrayList<>(List.of((byte) (bytes[i] ^ 0x01), (byte) (bytes[i] ^ 0x20)));
      if (i % 5 == 0) for (byte r : replacements) tries.add(r);
      for (byte b : tries) {
        if (b == bytes[i]) continue;
        byte[] changed = bytes.clone();
        changed[i] = b;
        if (ReceiptVerifier.verify(new String(changed, StandardCharsets.UTF_8)).valid())
          passed.add("byte " + i + " → " + (char) b);
      }
    }
    assertThat(passed).isEmpty();
  }

  @Test
  void changingOrRemovingAnyFieldFailsVerification() throws Exception {
    JsonNode original = JSON.readTree(canonical);
    List<Leaf> leaves = new ArrayList<>();
    collectLeaves(original, "", leaves);
    assertThat(leaves).hasSizeGreaterThan(60);
    List<String> passed = new ArrayList<>();
    for (Leaf leaf : leaves) {
      for (boolean remove : new boolean[] {false, true}) {
        ObjectNode copy = original.deepCopy();
        mutate(copy, leaf, remove);
        if (ReceiptVerifier.verify(copy.toString()).valid()) passed.add((remove ? "removed " : "changed ") + leaf);
      }
    }
    assertThat(passed).isEmpty();
  }

  @Test
  void addingAFieldFailsVerification() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(canonical);
    tree.put("note", "added later");

    assertThat(ReceiptVerifier.verify(tree.toString()).reason()).contains("sha256 does not match");
  }

  @Test
  void aRecordChangedAndRehashedStillFailsOnTheSignature() throws Exception {
    ObjectNode tree = (ObjectNode) JSON.readTree(canonical);
    ((ObjectNode) tree.get("result")).put("winner", ReceiptTestData.A);
    tree.put("sha256", ReceiptJson.sha256Hex(ReceiptJson.signedBytes(tree)));

    assertThat(ReceiptVerifier.verify(tree.toString()))
        .isEqualTo(new Verification(false, "signature does not verify", signer.keyId()));
  }

  @Test
  void aSignatureCheckedAgainstAnotherKeyFails() throws Exception {
    ReceiptSigner other = new ReceiptSigner(ReceiptKeys.generate());
    ObjectNode tree = (ObjectNode) JSON.readTree(canonical);
    ObjectNode signature = (ObjectNode) tree.get("signature");
    signature.put("public_key", other.publicKey());
    signature.put("key_id", other.keyId());

    assertThat(ReceiptVerifier.verify(tree.toString()).reason()).isEqualTo("signature does not verify");
    signature.put("key_id", signer.keyId());
    assertThat(ReceiptVerifier.verify(tree.toString()).reason()).isEqualTo("key_id does not match public_key");
  }

  @Test
  void onlyTrustedKeysPassWhenTrustedKeysAreGiven() {
    Receipt byOther = new ReceiptSigner(ReceiptKeys.generate()).sign(receipt.unsigned());
    String json = ReceiptJson.write(byOther);

    assertThat(ReceiptVerifier.verify(json).valid()).isTrue();
    assertThat(ReceiptVerifier.verify(json, Set.of(signer.keyId())).reason()).startsWith("signed by an untrusted key");
    assertThat(ReceiptVerifier.verify(canonical, Set.of(signer.keyId())).valid()).isTrue();
  }

  @Test
  void malformedInputGetsAReasonNotAnException() {
    assertThat(ReceiptVerifier.verify("").valid()).isFalse();
    assertThat(ReceiptVerifier.verify("[]").reason()).isEqualTo("a receipt must be a JSON object");
    assertThat(ReceiptVerifier.verify("{}").reason()).isEqualTo("signature is missing");
    assertThat(ReceiptVerifier.verify(canonical + "{}").valid()).isFalse();
    // Jackson's words for people, not the Java types and settings it names for programmers.
    assertThat(ReceiptVerifier.verify(canonical + "{}").reason()).startsWith("not valid JSON: Trailing token")
        .doesNotContain("com.fasterxml", "DeserializationFeature", "bound as");
    // An exponent past BigDecimal's limits was an unchecked NumberFormatException (a 500 on /receipts/verify).
    assertThat(ReceiptVerifier.verify("{\"a\":1e" + "9".repeat(50) + "}").reason())
        .isEqualTo("not valid JSON: a number is out of range");
    String duplicated = canonical.replaceFirst("\\{", "{\"question\":\"other\",");
    assertThat(ReceiptVerifier.verify(duplicated).reason()).startsWith("not valid JSON");
    assertThat(ReceiptVerifier.verify(ReceiptJson.write(receipt.unsigned())).reason()).isEqualTo("signature is missing");
  }

  @Test
  void bytesMustBeStrictUtf8SoNoChangedByteDecodesBackToTheSignedText() {
    byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
    assertThat(ReceiptVerifier.verify(bytes, Set.of()).valid()).isTrue();
    assertThat(ReceiptVerifier.verify(bytes, Set.of(signer.keyId())).valid()).isTrue();

    byte[] broken = bytes.clone();
    broken[canonical.indexOf("\"question\"") + 12] = (byte) 0xFF;
    assertThat(ReceiptVerifier.verify(broken, Set.of())).isEqualTo(new Verification(false, "not UTF-8 text", ""));
  }

  // --- helpers ------------------------------------------------------------------------------

  private static ObjectNode reversed(ObjectNode node) {
    ObjectNode out = JSON.createObjectNode();
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    Collections.reverse(names);
    for (String name : names) {
      JsonNode child = node.get(name);
      out.set(name, child instanceof ObjectNode o ? reversed(o) : child);
    }
    return out;
  }

  /** A value that is not a container: its parent's JSON pointer and its key (or array index). */
  private record Leaf(String parent, String key) {
    @Override
    public String toString() {
      return parent + "/" + key;
    }
  }

  private static void collectLeaves(JsonNode node, String pointer, List<Leaf> out) {
    if (node.isObject())
      node.fields().forEachRemaining(e -> {
        if (e.getValue().isContainerNode()) collectLeaves(e.getValue(), pointer + "/" + escape(e.getKey()), out);
        else out.add(new Leaf(pointer, e.getKey()));
      });
    else
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isContainerNode()) collectLeaves(node.get(i), pointer + "/" + i, out);
        else out.add(new Leaf(pointer, Integer.toString(i)));
      }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static void mutate(ObjectNode root, Leaf leaf, boolean remove) {
    JsonNode parent = root.at(leaf.parent());
    String key = leaf.key();
    JsonNode value = parent.isObject() ? parent.get(key) : parent.get(Integer.parseInt(key));
    JsonNode changed = switch (value.getNodeType()) {
      case STRING -> new TextNode(value.textValue().isEmpty() ? "x" : value.textValue().substring(1));
      case NUMBER -> JSON.getNodeFactory().numberNode(value.doubleValue() + 1);
      case BOOLEAN -> JSON.getNodeFactory().booleanNode(!value.booleanValue());
      default -> new TextNode("x");
    };
    Consumer<JsonNode> set = parent.isObject()
        ? v -> ((ObjectNode) parent).set(key, v)
        : v -> ((ArrayNode) parent).set(Integer.parseInt(key), v);
    if (!remove) set.accept(changed);
    else if (parent.isObject()) ((ObjectNode) parent).remove(key);
    else ((ArrayNode) parent).remove(Integer.parseInt(key));
  }
}
