package org.igkit.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy .npy files, byte for byte as the format specification (numpy.lib.format) says. */
class NpyTest {

  @TempDir Path tmp;

  private static String headerText(byte[] npy) {
    int length = Byte.toUnsignedInt(npy[8]) | Byte.toUnsignedInt(npy[9]) << 8;
    return new String(npy, 10, length, StandardCharsets.US_ASCII);
  }

  @Test
  void headerOfA3x2x2Float32MapFollowsTheSpecification() throws IOException {
    float[] data = new float[12];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.5f - 1;
    }
    Path file = tmp.resolve("map.npy");
    Npy.write(file, NpyArray.float32(data, 3, 2, 2));
    byte[] bytes = Files.readAllBytes(file);

    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2, 2), }";
    // magic (6) + version (2) + length (2) + dict + spaces + '\n' = 128, the next multiple of 64
    int headerLength = 128 - 10;
    String header = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
    assertThat(Arrays.copyOfRange(bytes, 0, 10)).containsExactly(
        (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength, 0);
    assertThat(new String(bytes, 10, headerLength, StandardCharsets.US_ASCII)).isEqualTo(header);
    assertThat(bytes).hasSize(128 + 12 * 4);
    // data: little-endian float32, C order; element 1 is -0.5f = 0xBF000000
    assertThat(Arrays.copyOfRange(bytes, 132, 136)).containsExactly(0, 0, 0, (byte) 0xBF);
    NpyArray back = Npy.read(file);
    assertThat(back.descr()).isEqualTo("<f4");
    assertThat(back.type()).isEqualTo("f4");
    assertThat(back.shape()).containsExactly(3, 2, 2);
    assertThat(back.size()).isEqualTo(12);
    assertThat(back.floats()).containsExactly(data);
    assertThat(back).isEqualTo(NpyArray.float32(data, 3, 2, 2));
  }

  @Test
  void dataStartsAtAMultipleOf64ForEveryShape() {
    for (int[] shape : new int[][] {{}, {1}, {7}, {3, 224, 224}, {1000000, 2, 3, 4}}) {
      byte[] header = Npy.header("<f4", shape);
      assertThat(header.length % 64).as(Arrays.toString(shape)).isZero();
      assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
    }
    assertThat(new String(Npy.header("<f8", new int[] {5}), StandardCharsets.US_ASCII))
        .contains("'shape': (5,), }");
    assertThat(new String(Npy.header("<f8", new int[] {}), StandardCharsets.US_ASCII))
        .contains("'shape': (), }");
  }

  @Test
  void float64RoundTrip() throws IOException {
    double[] weights = {0.1, 0.2, 0.7, 1e-300, -0.0, Double.MAX_VALUE};
    byte[] npy = Npy.encode(NpyArray.float64(weights, 6));
    assertThat(headerText(npy)).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }");
    // 10 + 57 + 1 bytes round up to 128; 0.1 = 0x3FB999999999999A, little-endian
    assertThat(npy).hasSize(128 + 6 * 8);
    assertThat(Arrays.copyOfRange(npy, 128, 136)).containsExactly(
        (byte) 0x9A, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0x99, (byte) 0xB9, 0x3F);
    NpyArray back = Npy.decode("w.npy", npy);
    assertThat(back.descr()).isEqualTo("<f8");
    assertThat(back.shape()).containsExactly(6);
    assertThat(back.values()).containsExactly(weights);
  }

  @Test
  void int32AndUint8RoundTrip() throws IOException {
    byte[] labels = Npy.encode(NpyArray.int32(new int[] {3, -1, 70000}, 3));
    assertThat(headerText(labels)).startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }");
    // 3, -1 = 0xFFFFFFFF, 70000 = 0x00011170, little-endian
    assertThat(labels).hasSize(128 + 12);
    assertThat(Arrays.copyOfRange(labels, 128, 140)).containsExactly(
        3, 0, 0, 0, -1, -1, -1, -1, 0x70, 0x11, 0x01, 0);
    NpyArray back = Npy.decode("labels", labels);
    assertThat(back.ints()).containsExactly(3, -1, 70000);
    assertThat(back.values()).containsExactly(3, -1, 70000);

    byte[] pixels = {0, 1, (byte) 200, (byte) 255, 7, 9};
    byte[] images = Npy.encode(NpyArray.uint8(pixels, 1, 2, 3));
    assertThat(headerText(images)).startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2, 3), }");
    assertThat(images).hasSize(128 + 6);
    NpyArray img = Npy.decode("images", images);
    assertThat(img.shape()).containsExactly(1, 2, 3);
    assertThat(img.bytes()).containsExactly(pixels);
    assertThat(img.ints()).containsExactly(0, 1, 200, 255, 7, 9);
    assertThat(img.values()).containsExactly(0, 1, 200, 255, 7, 9);
  }

  @Test
  void theArrayIsACopyOfWhatItWasBuiltFrom() {
    float[] data = {1, 2};
    NpyArray a = NpyArray.float32(data, 2);
    data[0] = 9;
    assertThat(a.floats()).containsExactly(1, 2);
    int[] shape = a.shape();
    shape[0] = 5;
    assertThat(a.shape()).containsExactly(2);
  }

  @Test
  void readsFilesWrittenByNumpy() throws IOException {
    // numpy 2.4: np.save(f, np.arange(6, dtype='<f4').reshape(2, 3) * 0.5)
    NpyArray a = Npy.decode("np-f4.npy", Base64.getDecoder().decode(
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsID"
            + "MpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoA"
            + "AAAAAAAAPwAAgD8AAMA/AAAAQAAAIEA="));
    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.floats()).containsExactly(0f, 0.5f, 1f, 1.5f, 2f, 2.5f);
    // np.save(f, np.array([0.25, 0.75], dtype='>f8')), big-endian
    NpyArray big = Npy.decode("np-f8.npy", Base64.getDecoder().decode(
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKS"
            + "wgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/"
            + "0AAAAAAAAD/oAAAAAAAA"));
    assertThat(big.descr()).isEqualTo(">f8");
    assertThat(big.values()).containsExactly(0.25, 0.75);
    assertThat(big.floats()).containsExactly(0.25f, 0.75f);
  }

  @Test
  void readsVersion2HeadersBoolsAndScalars() throws IOException {
    // version 2.0: uint32 header length; bool data as bytes 0/1
    String dict = "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 2), }";
    int headerLength = 128 - 12;
    byte[] npy = new byte[128 + 4];
    System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) headerLength, 0, 0, 0},
        0, npy, 0, 12);
    byte[] header = (dict + " ".repeat(headerLength - dict.length() - 1) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, npy, 12, header.length);
    npy[128] = 1;
    npy[131] = 1;
    NpyArray mask = Npy.decode("mask.npy", npy);
    assertThat(mask.shape()).containsExactly(2, 2);
    assertThat(mask.values()).containsExactly(1, 0, 0, 1);

    NpyArray scalar = Npy.decode("s.npy", Npy.encode(NpyArray.float64(new double[] {2.5})));
    assertThat(scalar.shape()).isEmpty();
    assertThat(scalar.values()).containsExactly(2.5);
  }

  @Test
  void badShapesAreExplained() {
    assertThatThrownBy(() -> NpyArray.float32(new float[3], 2, 2))
        .hasMessage("shape [2, 2] holds 4 values but the array has 3");
    assertThatThrownBy(() -> NpyArray.uint8(new byte[5], 2, 3))
        .hasMessage("shape [2, 3] holds 6 values but the array has 5");
    assertThatThrownBy(() -> NpyArray.int32(new int[0], 2, -2))
        .hasMessage("shape [2, -2]: extents must be ≥ 0");
  }

  @Test
  void badFilesAreExplainedWithTheirName() throws IOException {
    Path junk = tmp.resolve("junk.npy");
    Files.writeString(junk, "hello");
    assertThatThrownBy(() -> Npy.read(junk))
        .hasMessage(junk + ": not a .npy file (no \\x93NUMPY magic)");

    byte[] good = Npy.encode(NpyArray.float32(new float[] {1, 2, 3}, 3));
    assertThatThrownBy(() -> Npy.decode("a.npz!x", Arrays.copyOf(good, 8)))
        .hasMessage("a.npz!x: .npy header is cut short");
    assertThatThrownBy(() -> Npy.decode("x.npy", Arrays.copyOf(good, good.length - 1)))
        .hasMessage("x.npy: shape [3] of dtype '<f4' needs 12 data bytes, the file has 11");

    byte[] v4 = good.clone();
    v4[6] = 4;
    assertThatThrownBy(() -> Npy.decode("x.npy", v4))
        .hasMessage("x.npy: .npy format version 4 is not supported");

    assertThatThrownBy(() -> Npy.decode("x.npy", replace(good, "'<f4'", "'<c8'")))
        .hasMessageStartingWith("x.npy: unsupported dtype '<c8'; igkit reads float32");
    assertThatThrownBy(() -> Npy.decode("x.npy", replace(good, "False", "True ")))
        .hasMessage("x.npy: Fortran-order arrays are not supported");
    assertThatThrownBy(() -> Npy.decode("x.npy", replace(good, "'shape'", "'shope'")))
        .hasMessageStartingWith("x.npy: .npy header has no 'shape': {'descr'");
    assertThatThrownBy(() -> Npy.decode("x.npy", replace(good, "(3,)", "(x,)")))
        .hasMessage("x.npy: bad .npy shape '(x,)'");
  }

  private static byte[] replace(byte[] npy, String from, String to) {
    String s = new String(npy, StandardCharsets.ISO_8859_1);
    assertThat(s).contains(from);
    return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
  }
}
