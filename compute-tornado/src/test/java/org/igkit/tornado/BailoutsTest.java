package org.igkit.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.ac.manchester.tornado.api.exceptions.TornadoBailoutRuntimeException;

/**
 * The bailout bookkeeping of the TornadoVM backend, with TornadoVM's own exception and no device: a
 * call that bails out gives the Java kernel's result and is counted; its kernel and shape never
 * reach the device again (still counted); other shapes do; other failures are not swallowed.
 */
class BailoutsTest {

  private final Object lock = new Object();

  @Test
  void aBailoutRunsTheJavaKernelCountsItAndKeepsThatShapeOffTheDevice() {
    Bailouts bailouts = new Bailouts();
    AtomicInteger deviceCalls = new AtomicInteger();
    List<String> dropped = new ArrayList<>();
    String first = bailouts.run(lock, "masks:4:2", () -> {
      deviceCalls.incrementAndGet();
      throw new TornadoBailoutRuntimeException("\u001B[31m[TornadoVM] Error -\n Recover option disabled\u001B[0m");
    }, e -> dropped.add(Bailouts.plain(e.getMessage())), () -> "java");
    assertThat(first).isEqualTo("java");
    assertThat(dropped).containsExactly("[TornadoVM] Error - Recover option disabled");
    assertThat(bailouts.counts()).isEqualTo(Map.of("masks", 1L));

    String again = bailouts.run(lock, "masks:4:2", () -> {
      deviceCalls.incrementAndGet();
      return "device";
    }, e -> dropped.add("again"), () -> "java");
    assertThat(again).isEqualTo("java");
    assertThat(deviceCalls).hasValue(1);
    assertThat(dropped).hasSize(1);
    assertThat(bailouts.counts()).isEqualTo(Map.of("masks", 2L));

    assertThat(bailouts.run(lock, "masks:8:2", () -> "device", e -> dropped.add("other"), () -> "java"))
        .isEqualTo("device");
    assertThat(bailouts.run(lock, "ranks:8", () -> "device", e -> dropped.add("other"), () -> "java"))
        .isEqualTo("device");
    assertThat(bailouts.counts()).isEqualTo(Map.of("masks", 2L));
  }

  @Test
  void otherFailuresAreTheCallersAndCountNothing() {
    Bailouts bailouts = new Bailouts();
    assertThatThrownBy(() -> bailouts.run(lock, "ranks:3", () -> {
      throw new IllegalStateException("device lost");
    }, e -> { }, () -> "java")).isInstanceOf(IllegalStateException.class).hasMessage("device lost");
    assertThat(bailouts.counts()).isEmpty();
    assertThat(Bailouts.operation("rankedComposites:3:16:16:4")).isEqualTo("rankedComposites");
    assertThat(Bailouts.plain(null)).isEqualTo("no reason given");
  }
}
