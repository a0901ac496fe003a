package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class MemoryProbeTest {

  @Test
  void parsesAChildsMeasurementLine() {
    MemoryProbe.Result r = MemoryProbe.parse("mode=raw peakRssKib=2048 seconds=1.500 points=16 eagerFree=true");
    assertThat(r).isEqualTo(new MemoryProbe.Result("raw", 2048, 1.5, 16, true));
    assertThat(r.peakMib()).isEqualTo(2.0);
    assertThatThrownBy(() -> MemoryProbe.parse("mode=raw peakRssKib=-1 seconds=1 points=0"))
        .hasMessageContaining("no peak RSS");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aChildJvmAttributesATinyImageAndReportsItsOwnPeak() throws Exception {
    MemoryProbe.Workload w = new MemoryProbe.Workload("attribution", 16, 2, 4, 3, 2, 128, false);
    MemoryProbe.Result r = MemoryProbe.measure(w, 120);
    assertThat(r.mode()).isEqualTo("attribution");
    assertThat(r.eagerFree()).isFalse();
    assertThat(r.gradientPoints()).as("3 steps × 2 baselines").isEqualTo(6);
    assertThat(r.peakMib()).as("a JVM with libtorch loaded").isGreaterThan(50);
    assertThat(MemoryProbe.measure(w.withMode("raw").with(3, true), 120))
        .as("the glibc setting reaches the child").extracting(MemoryProbe.Result::eagerFree).isEqualTo(true);
    assertThatThrownBy(() -> MemoryProbe.measure(w.withMode("nonsense"), 120))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a measurement")
        .hasMessageContaining("mode: idle, raw or attribution, was nonsense");
  }
}
