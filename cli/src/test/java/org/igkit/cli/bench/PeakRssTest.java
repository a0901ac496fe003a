package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class PeakRssTest {

  static final String STATUS = """
      Name:\tjava
      VmPeak:\t 9876543 kB
      VmSize:\t 9000000 kB
      VmHWM:\t  712524 kB
      VmRSS:\t  650000 kB
      Threads:\t42
      """;

  @Test
  void readsTheKibOfOneLineOfProcStatus() {
    assertThat(PeakRss.parse(STATUS, "VmHWM")).hasValue(712524);
    assertThat(PeakRss.parse(STATUS, "VmRSS")).hasValue(650000);
    assertThat(PeakRss.parse(STATUS, "VmSwap")).isEmpty();
    assertThat(PeakRss.parse("VmHWM:\tlots kB\n", "VmHWM")).isEmpty();
    assertThat(PeakRss.parse("VmHWM: 3 mB\n", "VmHWM")).hasValue(3072);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void thisProcessHasAPeakOfAtLeastItsHeapInUse() {
    OptionalLong kib = PeakRss.kib();
    assertThat(kib).isPresent();
    Runtime rt = Runtime.getRuntime();
    assertThat(kib.getAsLong() * 1024).isGreaterThan(rt.totalMemory() - rt.freeMemory());
  }
}
