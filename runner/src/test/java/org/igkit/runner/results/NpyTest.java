package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution maps are NumPy .npy v1.0 files, byte for byte as the format specification says. */
class NpyTest {

  @TempDir Path tmp;

  @Test
  void headerOfA3x2x2Float32MapFollowsTheSpecification() throws IOException {
    Path file = tmp.resolve("map.npy");
    float[] data = new float[12];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.5f - 1;
    }
    NpyWriter.writeFloat32(file, Shape.of(3, 2, 2), data);
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
    assertThat(Arrays.copyOfRange(bytes, 132, 136))
        .containsExactly(0, 0, 0, (byte) 0xBF);
    NpyArray back = NpyReader.read(file);
    assertThat(back.descr()).isEqualTo("<f4");
    assertThat(back.shape()).containsExactly(3, 2, 2);
    assertThat(back.floats()).containsExactly(data);
  }

  @Test
  void dataStartsAtAMultipleOf64ForEveryShape() throws IOException {
    for (int[] shape : new int[][] {{}, {1}, {7}, {3, 224, 224}, {1000000, 2, 3, 4}}) {
      byte[] header = NpyWriter.header("<f4", shape);
      assertThat(header.length % 64).as(Arrays.toString(shape)).isZero();
      assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
    }
    assertThat(new String(NpyWriter.header("<f8", new int[] {5}), StandardCharsets.US_ASCII))
        .contains("'shape': (5,), }");
    assertThat(new String(NpyWriter.header("<f8", new int[] {}), StandardCharsets.US_ASCII))
        .contains("'shape': (), }");
  }

  @Test
  void float64WeightsRoundTrip() throws IOException {
    Path file = tmp.resolve("w.npy");
    double[] weights = {0.1, 0.2, 0.7, 1e-300};
    NpyWriter.writeFloat64(file, weights);
    NpyArray back = NpyReader.read(file);
    assertThat(back.descr()).isEqualTo("<f8");
    assertThat(back.shape()).containsExactly(4);
    assertThat(back.values()).containsExactly(weights);
  }

  @Test
  void readsFilesWrittenByNumpy() throws IOException {
    // numpy 2.4: np.save(f, np.arange(6, dtype='<f4').reshape(2, 3) * 0.5)
    Path f4 = tmp.resolve("np-f4.npy");
    Files.write(f4, Base64.getDecoder().decode(
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsID"
            + "MpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoA"
            + "AAAAAAAAPwAAgD8AAMA/AAAAQAAAIEA="));
    NpyArray a = NpyReader.read(f4);
    assertThat(a.shape()).containsExactly(2, 3);
    assertThat(a.floats()).containsExactly(0f, 0.5f, 1f, 1.5f, 2f, 2.5f);
    // np.save(f, np.array([0.25, 0.75], dtype='>f8')), big-endian
    Path f8 = tmp.resolve("np-f8.npy");
    Files.write(f8, Base64.getDecoder().decode(
        "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKS"
            + "wgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/"
            + "0AAAAAAAAD/oAAAAAAAA"));
    assertThat(NpyReader.read(f8).values()).containsExactly(0.25, 0.75);
  }

  @Test
  void badInputIsExplained(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> NpyWriter.writeFloat32(dir.resolve("x.npy"), new int[] {2, 2},
        new float[3])).hasMessage("shape [2, 2] holds 4 values but the array has 3");
    Path junk = dir.resolve("junk.npy");
    Files.writeString(junk, "hello");
    assertThatThrownBy(() -> NpyReader.read(junk)).hasMessageEndingWith(
        "not a .npy file (no \\x93NUMPY magic)");
  }

  @Test
  void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
    Path file = tmp.resolve("sub/dir/map.npy");
    NpyWriter.writeFloat32(file, new float[] {1, 2}, 2);
    NpyWriter.writeFloat32(file, new float[] {3, 4, 5}, 3);
    assertThat(NpyReader.read(file).floats()).containsExactly(3, 4, 5);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }
}
