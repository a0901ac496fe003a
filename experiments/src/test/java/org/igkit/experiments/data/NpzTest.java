package org.igkit.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.igkit.api.io.NpyArray;
import org.junit.jupiter.api.Test;

/** The npz codec: NumPy's layout, round trips, byte-reproducible archives. */
class NpzTest {

  private static Map<String, NpyArray> arrays() {
    Map<String, NpyArray> a = new LinkedHashMap<>();
    a.put("images", NpyArray.uint8(new byte[] {0, 1, (byte) 200, (byte) 255, 7, 9}, 1, 2, 3));
    a.put("labels", NpyArray.int32(new int[] {3, -1, 70000}, 3));
    return a;
  }

  @Test
  void arraysRoundTripWithShapesAndTypes() throws Exception {
    Map<String, NpyArray> back = Npz.read(new ByteArrayInputStream(Npz.bytes(arrays())));
    assertThat(back.keySet()).containsExactly("images", "labels");
    assertThat(back.get("images").shape()).containsExactly(1, 2, 3);
    assertThat(back.get("images").bytes()).containsExactly(0, 1, (byte) 200, (byte) 255, 7, 9);
    assertThat(back.get("labels").shape()).containsExactly(3);
    assertThat(back.get("labels").ints()).containsExactly(3, -1, 70000);
  }

  @Test
  void entriesAreNpyFilesWithNumpysHeaderAndAlignment() throws Exception {
    ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Npz.bytes(arrays())));
    ZipEntry e = zip.getNextEntry();
    assertThat(e.getName()).isEqualTo("images.npy");
    assertThat(e.getMethod()).isEqualTo(ZipEntry.DEFLATED);
    byte[] npy = zip.readAllBytes();
    ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
    assertThat(npy[0]).isEqualTo((byte) 0x93);
    assertThat(npy[6]).isEqualTo((byte) 1);
    int headerLength = Short.toUnsignedInt(b.getShort(8));
    assertThat((10 + headerLength) % 64).isZero();
    String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
    assertThat(header).startsWith("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2, 3), }").endsWith("\n");
    assertThat(npy).hasSize(10 + headerLength + 6);
    zip.getNextEntry();
    String labels = new String(zip.readAllBytes(), 10, 60, StandardCharsets.US_ASCII);
    assertThat(labels).startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }");
  }

  @Test
  void theSameArraysGiveTheSameBytes() {
    assertThat(Npz.bytes(arrays())).isEqualTo(Npz.bytes(arrays()));
  }
}
