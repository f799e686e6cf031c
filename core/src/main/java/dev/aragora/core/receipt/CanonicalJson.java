package dev.aragora.core.receipt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Canonical JSON in the style of RFC 8785 (JCS): object keys sorted by UTF-16 code units, no
 * insignificant whitespace, strings escaped only where JSON requires it (control characters as
 * {@code \n}-style or lower-case hex escapes, plus {@code "} and {@code \}), everything else as
 * literal UTF-8, and numbers in ECMAScript form (shortest round-trip digits; integers without a
 * fraction; exponent form {@code 1e+21} / {@code 1e-7} outside [1e-6, 1e21)).
 *
 * <p>Written by hand: no JCS library resolves from the Maven repository available here, and the
 * rules above are short. A number given as a decimal (as when a receipt is read back with
 * {@code USE_BIG_DECIMAL_FOR_FLOATS}) must denote exactly the double it stands for in its
 * shortest form; otherwise it is rejected, so two spellings can never hash alike.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] bytes(JsonNode node) {
    return string(node).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical text of {@code node}.
   *
   * @throws IllegalArgumentException for NaN or infinite numbers and non-canonical decimals
   */
  public static String string(JsonNode node) {
    requireNonNull(node, "node is null");
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) names.add(it.next().getKey());
        names.sort(null); // String.compareTo orders by UTF-16 code units, as JCS requires
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) out.append(',');
          string(names.get(i), out);
          out.append(':');
          write(node.get(names.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) out.append(',');
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(node.textValue(), out);
      case NUMBER -> out.append(number(node));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      case BINARY, MISSING, POJO -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber()) return node.bigIntegerValue().toString();
    double d = node.doubleValue();
    String canonical = number(d);
    if (node.isBigDecimal() && new BigDecimal(canonical).compareTo(node.decimalValue()) != 0)
      throw new IllegalArgumentException("number " + node.decimalValue() + " is not in canonical form (" + canonical + ")");
    return canonical;
  }

  /** ECMAScript Number.prototype.toString for a finite double. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("not a finite number: " + d);
    if (d == 0) return "0";
    // Double.toString gives the shortest digits that round-trip (JDK 19+); re-spell them ES-style
    BigDecimal value = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double magnitude = Math.abs(d);
    if (magnitude >= 1e-6 && magnitude < 1e21) return value.toPlainString();
    String digits = value.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - value.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent >= 0 ? "+" : "-") + Math.abs(exponent);
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    out.append('"');
  }
}
