package dev.aragora.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String canonical(String json) throws Exception {
    return CanonicalJson.string(JSON.readTree(json));
  }

  @Test
  void sortsKeysAndDropsWhitespaceWhateverTheInputOrder() throws Exception {
    String a = canonical("{ \"b\": [1, 2, {\"z\": true, \"a\": null}],\n \"a\": \"x\" }");
    String b = canonical("{\"a\":\"x\",\"b\":[1,2,{\"a\":null,\"z\":true}]}");

    assertThat(a).isEqualTo("{\"a\":\"x\",\"b\":[1,2,{\"a\":null,\"z\":true}]}").isEqualTo(b);
  }

  @Test
  void ordersKeysByUtf16CodeUnits() throws Exception {
    assertThat(canonical("{\"b\":1,\"a\":2,\"B\":3,\"é\":4,\"aa\":5}")).isEqualTo("{\"B\":3,\"a\":2,\"aa\":5,\"b\":1,\"é\":4}");
  }

  @Test
  void escapesOnlyWhatJsonRequires() throws Exception {
    assertThat(canonical("\"a\\\"b\\\\c\\nd\\t\\u0001é€/\"")).isEqualTo("\"a\\\"b\\\\c\\nd\\t\\u0001é€/\"");
    assertThat(canonical("\"\\u00e9\\u002F\"")).isEqualTo("\"é/\"");
  }

  @Test
  void writesNumbersTheEcmaScriptWay() {
    assertThat(CanonicalJson.number(0.0)).isEqualTo("0");
    assertThat(CanonicalJson.number(-0.0)).isEqualTo("0");
    assertThat(CanonicalJson.number(12.0)).isEqualTo("12");
    assertThat(CanonicalJson.number(0.72)).isEqualTo("0.72");
    assertThat(CanonicalJson.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(CanonicalJson.number(1e-6)).isEqualTo("0.000001");
    assertThat(CanonicalJson.number(1e-7)).isEqualTo("1e-7");
    assertThat(CanonicalJson.number(-1.5e-9)).isEqualTo("-1.5e-9");
    assertThat(CanonicalJson.number(1e21)).isEqualTo("1e+21");
    assertThat(CanonicalJson.number(123456789012345680000.0)).isEqualTo("123456789012345680000");
    assertThatThrownBy(() -> CanonicalJson.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void integersAndIntegralDoublesAgree() throws Exception {
    assertThat(canonical("[1, 1.0, 1e0, 10E-1]")).isEqualTo("[1,1,1,1]");
  }

  @Test
  void aDecimalThatIsNotItsShortestFormIsRejected() throws Exception {
    ObjectMapper decimals = JSON.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    assertThat(CanonicalJson.string(decimals.readTree("[0.72, 1.0E-7, 0.30000000000000004]"))).isEqualTo("[0.72,1e-7,0.30000000000000004]");
    // the same double as 0.30000000000000004, spelt with a different last digit
    assertThatThrownBy(() -> CanonicalJson.string(decimals.readTree("[0.30000000000000003]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in canonical form");
  }
}
