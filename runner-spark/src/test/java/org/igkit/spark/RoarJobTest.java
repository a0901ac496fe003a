package org.igkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saliency files SparkRoar's first stage writes for its second. */
class RoarJobTest {

  @Test
  void mapsComeBackBitForBit(@TempDir Path tmp) throws Exception {
    double[][] train = {{0.1, -0.0, Double.MIN_VALUE}, {1e300, 3, Math.PI}};
    double[][] test = {{Math.E, -7.25, 1.0 / 3}};
    Path file = tmp.resolve("maps/method-0.maps");
    RoarJob.writeMaps(file, train, test);

    double[][][] back = RoarJob.readMaps(file, 2, 1, 3);

    assertThat(back[0]).isDeepEqualTo(train);
    assertThat(back[1]).isDeepEqualTo(test);
    assertThat(Double.doubleToRawLongBits(back[0][0][1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void aFileOfOtherCountsOrAMissingOneIsAClearError(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("method-1.maps");
    RoarJob.writeMaps(file, new double[][] {{1, 2}}, new double[][] {{3, 4}});

    assertThatThrownBy(() -> RoarJob.readMaps(file, 2, 1, 2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 1 maps of 2 pixels, expected 2 of 2");
    assertThatThrownBy(() -> RoarJob.readMaps(file, 1, 1, 4)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 1 of 4");
    assertThatThrownBy(() -> RoarJob.readMaps(tmp.resolve("absent.maps"), 1, 1, 2))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not on this executor").hasMessageContaining("storage every executor mounts");
  }
}
