package dev.aragora.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A corpus of hostile input for fuzz tests of the API: odd strings, JSON values of every wrong
 * type, malformed JSON documents, percent-encoding tricks and hand-made JWTs. Everything is
 * deterministic for a given {@link Random}. Nothing here contains the words a stack-trace check
 * looks for ("Exception", "java.lang.").
 */
public final class HostileInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HostileInput() {}

  /** Strings that break naive handling: NUL, bidi controls, emoji, injection shapes, long and empty. */
  public static final List<String> STRINGS = List.of(
      "", " ", "\u0000", "a\u0000b", "\u202Eevil\u202C", "\u200F\u200E\u061C", "\uD83D\uDE00",
      "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uFEFF", "\uFFFD", "\uFFFF", "\u00A0", "\u2028\u2029",
      "\u0085", "\uFF21\uFF22\uFF23", "e\u0301\u0301\u0301", "\r\n", "\t", "' OR '1'='1", "\"; DROP TABLE debates; --",
      "1; SELECT pg_sleep(5)--", "%00", "%s%s%s%n", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
      "<script>alert(1)</script>", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "null", "true", "NaN",
      "-1", "1e309", "deb_00000000000000000000000000000000", "\\", "\"", "'", "`", "x".repeat(300),
      "\u4E2D\u6587".repeat(600), "demo:skeptic", "admin@localhost", "ADMIN@LOCALHOST", "key_", "rt_", "ara_");

  /** Raw JSON texts to put as a field's value: every JSON type, edge numbers, escapes a Java string cannot hold. */
  public static final List<String> VALUES = List.of(
      "null", "true", "false", "0", "-0", "-1", "1", "2", "3", "13", "2147483647", "2147483648", "-2147483649",
      "9223372036854775807", "9223372036854775808", "99999999999999999999999999999999", "1.5", "-0.0", "1e308",
      "1e309", "1E-400", "0.1e1", "\"\"", "\" \"", "\"3\"", "\"true\"", "\"demo\"", "\"majority\"", "\"ring\"", "[]",
      "[null]", "[1,2]", "[\"demo\"]", "[\"demo:skeptic\",\"demo:optimist\"]", "{}", "{\"a\":1}",
      "{\"domain\":\"security\"}", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"a\\ud83d\"", "\"\\u0000\"",
      "\"\\u202e\\u0000\\uffff\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
      "\"" + "y".repeat(20_000) + "\"", "1" + "0".repeat(900));

  /** A JSON string literal of {@code text}, escaped by Jackson (NUL and controls as \\u escapes). */
  public static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JSON value: a raw one from {@link #VALUES} or a quoted {@link #STRINGS} entry. */
  public static String value(Random random) {
    return random.nextBoolean() ? pick(random, VALUES) : quote(pick(random, STRINGS));
  }

  /** {@code depth} nested arrays or objects, optionally around {@code inner}. */
  public static String nested(int depth, boolean objects, String inner) {
    StringBuilder text = new StringBuilder(depth * 6 + inner.length());
    for (int i = 0; i < depth; i++) text.append(objects ? "{\"a\":" : "[");
    text.append(inner);
    for (int i = 0; i < depth; i++) text.append(objects ? '}' : ']');
    return text.toString();
  }

  /**
   * Whole documents that are not what an endpoint wants: malformed JSON of many kinds (truncated
   * {@code valid}, 10k-deep nesting, numbers past Jackson's limits, NaN, comments, duplicate keys …)
   * and well-formed JSON of the wrong top-level type.
   */
  public static byte[] malformedDocument(Random random, String valid) {
    return switch (random.nextInt(30)) {
      case 0 -> utf8(valid.substring(0, random.nextInt(Math.max(1, valid.length()))));
      case 1 -> utf8(nested(10_000, false, ""));
      case 2 -> utf8(nested(10_000, true, "1"));
      case 3 -> utf8("{\"a\":" + nested(10_000, false, "") + "}");
      case 4 -> utf8("{\"rounds\":" + "9".repeat(1_500) + "}");
      case 5 -> utf8("{\"rounds\":NaN,\"task\":Infinity}");
      case 6 -> utf8("{\"task\":-Infinity}");
      case 7 -> utf8("{\"task\":\"a\",\"task\":\"b\",\"task\":5}");
      case 8 -> utf8(pick(random, List.of("[]", "\"text\"", "1", "true", "null", "[{}]", "0.5", "-1")));
      case 9 -> new byte[0];
      case 10 -> utf8("   \r\n\t  ");
      case 11 -> utf8("/* comment */ " + valid);
      case 12 -> utf8(valid.replace('"', '\''));
      case 13 -> utf8(valid.endsWith("}") ? valid.substring(0, valid.length() - 1) + ",}" : valid + ",");
      case 14 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(valid));
      case 15 -> valid.getBytes(StandardCharsets.UTF_16LE);
      case 16 -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, valid.getBytes(StandardCharsets.UTF_16BE));
      case 17 -> valid.getBytes(Charset.forName("UTF-32"));
      case 18 -> concat(utf8("{\"task\":\""), invalidUtf8(random), utf8("\"}"));
      case 19 -> concat(utf8(valid), new byte[] {0, 0, 0});
      case 20 -> utf8(valid + valid);
      case 21 -> utf8("{" + "\"k".repeat(1) + "\":1," + manyKeys(10_000) + "}");
      case 22 -> utf8("{\"" + "k".repeat(60_000) + "\":1}");
      case 23 -> utf8("{\"task\":\"x\",\"agents\":[" + "\"demo\",".repeat(10_000) + "\"demo\"]}");
      case 24 -> utf8("{task:\"x\"}");
      case 25 -> utf8("{\"task\":\"\\ud800\\u0000\\x41\"}");
      case 26 -> utf8("{\"task\":\"unterminated");
      case 27 -> utf8("\u0000{}");
      case 28 -> utf8("{\"a\":1e" + "9".repeat(50) + "}");
      default -> utf8("{\"task\":\"" + "\\".repeat(3) + "\"}");
    };
  }

  private static String manyKeys(int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) text.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    return text.toString();
  }

  /** Bytes that are not UTF-8: overlong forms, CESU-8 surrogates, stray continuation bytes, 0xFF. */
  public static byte[] invalidUtf8(Random random) {
    List<byte[]> kinds = List.of(
        new byte[] {(byte) 0xC0, (byte) 0xAE}, // overlong '.'
        new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong '/'
        new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF},
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, CESU-8
        new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF, (byte) 0xFE},
        new byte[] {(byte) 0xE2, (byte) 0x82}, // cut short
        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    return kinds.get(random.nextInt(kinds.size()));
  }

  /**
   * Path segments as sent on the wire (ISO-8859-1 text, one char per byte): traversal in every
   * encoding, separators, NUL, CRLF, overlong UTF-8, bidi, quotes, SQL, very long.
   */
  public static final List<String> SEGMENTS = List.of(
      "..", ".", "%2e%2e", "%2E%2E", "..%2f..%2fauth%2fusers", "%2e%2e%2f%2e%2e%2fauth%2fusers", "%252e%252e%252f",
      "..%252f", "%2F", "a%2Fb", "%5C", "..%5C..%5C", ";", ";jsessionid=1", "deb_x;a=b", "%00", "deb_%00x",
      "%0d%0aX-Injected:%201", "%ff%fe", "%c0%ae%c0%ae", "%ed%a0%80", "%e2%80%ae", "%f0%9f%98%80", "%", "%zz",
      "%u002e", "'", "%27", "%22", "%27%20OR%20%271%27=%271", "%22;%20DROP%20TABLE%20debates;--", "%3Cscript%3E",
      "x".repeat(7000), "x".repeat(200), "*", "%2A", "~", "%7E", "%7Bid%7D", "null", "-1", "0", "leaderboard",
      "demo:skeptic", "demo%3Askeptic", "demo%2Fskeptic", "%2fetc%2fpasswd", "+", "%20", "%09", "%e9",
      "\u00e9", "\u00f0\u009f\u0098\u0080", "\u00c0\u00ae", "\"", "\\", "{id}", "|", "^", "`", "%25", "%2500",
      "deb_" + "f".repeat(32), "%EF%BC%8F", "%E2%80%8B", "a%00.json", "..;", "%2e", "%2e%2e;x=y");

  /** Query values (already encoded): signs, overflow, non-numbers, encodings, long. */
  public static final List<String> QUERY_VALUES = List.of(
      "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808", "99999999999999999999999", "0",
      "1", "100", "101", "1000", "1001", "2147483647", "2147483648", "1e10", "1.5", "0x10", "%2B5", "%205%20",
      "5%00", "%00", "NaN", "Infinity", "-Infinity", "abc", "", "%", "%zz", "%ff", "%c0%ae", "'%20OR%201=1--",
      "%E2%80%AE", "%F0%9F%98%80", "null", "[]", "x".repeat(3000), "%0d%0a", "md", "json", "MD", "security",
      "..%2F..", "\u00e9", "a+b", "%ed%a0%80", "%u0031", "%u002e%u002e");

  /** Header values (ISO-8859-1 text): nothing here ends a header line. */
  public static final List<String> HEADER_VALUES = List.of(
      "", " ", "-1", "abc", "9223372036854775808", "1e3", "0x1", "1, 2", "v3", "2.0", "V2", " v2 ", "v1, v2",
      "\u00e9\u00ff", "\u00c0\u00ae", "x".repeat(7000), "unknown", "999.999.999.999", "1.2.3.4, 5.6.7.8",
      "::ffff:1.2.3.4", "[::1]:8080", "1.2.3.4:99999", "01.02.03.04", "fe80::1%eth0", "1.1.1.1, ".repeat(400),
      ",,,,", "localhost", "' OR 1=1--", "../default", "00000000-0000-0000-0000-000000000000", "default", "other",
      "\t", "%00", "null", "{}", "text/event-stream");

  /** A base64url text without padding. */
  public static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String b64(String text) {
    return b64(utf8(text));
  }

  /** A compact JWS {@code header.payload.signature} with an HMAC over the first two parts ({@code HmacSHA256} …). */
  public static String hmacJwt(String headerJson, String payloadJson, String macAlgorithm, byte[] secret) {
    String signingInput = b64(headerJson) + "." + b64(payloadJson);
    try {
      Mac mac = Mac.getInstance(macAlgorithm);
      mac.init(new SecretKeySpec(secret, macAlgorithm));
      return signingInput + "." + b64(mac.doFinal(utf8(signingInput)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** UTF-8 bytes as ISO-8859-1 text, to put them raw on the request line or in a header. */
  public static String rawUtf8(String text) {
    return new String(utf8(text), StandardCharsets.ISO_8859_1);
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /** {@code text} with one to three characters replaced, inserted or removed at random. */
  public static String mutate(Random random, String text) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    List<Character> alphabet = new ArrayList<>(List.of('"', '{', '}', '[', ']', ',', ':', '\\', '0', 'a', ' ', '\u0000'));
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0 -> out.setCharAt(at, alphabet.get(random.nextInt(alphabet.size())));
        case 1 -> out.insert(at, alphabet.get(random.nextInt(alphabet.size())));
        default -> out.deleteCharAt(at);
      }
    }
    return out.toString();
  }
}
