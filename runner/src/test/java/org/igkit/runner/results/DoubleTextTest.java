package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Numbers in result files are Python's {@code repr}: shortest round trip, fixed layout. */
class DoubleTextTest {

  /** Expected texts are what CPython 3 prints for {@code repr(x)}, x given by its bits. */
  @ParameterizedTest
  @CsvSource({
      "3fb999999999999a, 0.1",
      "3fd3333333333334, 0.30000000000000004",
      "3ff0000000000000, 1.0",
      "4059000000000000, 100.0",
      "4341c37937e08000, 1e+16",
      "430c6bf526340000, 1000000000000000.0",
      "43118b54f22aeb00, 1234567890123456.0",
      "4345ee2a2eb5a5c4, 1.2345678901234568e+16",
      "3f1a36e2eb1c432d, 0.0001",
      "3ee4f8b588e368f1, 1e-05",
      "3eef75104d551d6a, 1.5000000000000002e-05",
      "0000000000000001, 5e-324",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "0010000000000000, 2.2250738585072014e-308",
      "3fd5555555555555, 0.3333333333333333",
      "3fe5555555555555, 0.6666666666666666",
      "bfe0000000000000, -0.5",
      "405edd2f1a9fbe77, 123.456",
      "4480f0cf064dd592, 1e+22",
      "44b52d02c7e14af6, 1e+23",
      "4340000000000000, 9007199254740992.0",
      "3fd3333333333333, 0.3",
      "3e90c6f7a0b5ed8d, 2.5e-07",
      "c41b1ae4d6e2ef50, -1.25e+20",
      "4011666666666666, 4.35",
      "3fe9999999999999, 0.7999999999999999",
      "3f1a36e2eb1c432c, 9.999999999999999e-05",
      "43b0000000000000, 1.152921504606847e+18",
      "3e10000000000000, 9.313225746154785e-10",
      "3f0a36e2eb1c432d, 5e-05",
  })
  void formatsLikePythonRepr(String bits, String python) {
    double x = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertThat(DoubleText.format(x)).isEqualTo(python);
    assertThat(DoubleText.parse(python)).isEqualTo(x);
  }

  @Test
  void specialValues() {
    assertThat(DoubleText.format(0.0)).isEqualTo("0.0");
    assertThat(DoubleText.format(-0.0)).isEqualTo("-0.0");
    assertThat(DoubleText.format(Double.NaN)).isEqualTo("NaN");
    assertThat(DoubleText.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(DoubleText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(DoubleText.parse("nan")).isNaN();
    assertThat(DoubleText.parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(DoubleText.parse("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Double.doubleToRawLongBits(DoubleText.parse("-0.0"))).isNegative();
    assertThatThrownBy(() -> DoubleText.parse("1d")).isInstanceOf(NumberFormatException.class)
        .hasMessageContaining("not a number: '1d'");
  }

  @Test
  void randomDoublesRoundTripWithNoMoreDigitsThanNeeded() {
    SplittableRandom rng = new SplittableRandom(20240601);
    for (int i = 0; i < 20_000; i++) {
      double x = i % 2 == 0 ? Double.longBitsToDouble(rng.nextLong()) : rng.nextDouble() * 1e3;
      if (!Double.isFinite(x)) {
        continue;
      }
      String text = DoubleText.format(x);
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(x);
      // one digit fewer never reads back: the text is the shortest
      String digits = text.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "")
          .replaceFirst("^0+", "");
      digits = digits.replaceFirst("0+$", "");
      if (digits.length() > 1) {
        java.math.BigDecimal shorter = new java.math.BigDecimal(x)
            .round(new java.math.MathContext(digits.length() - 1));
        assertThat(Double.parseDouble(shorter.toString())).as(text).isNotEqualTo(x);
      }
    }
  }
}
