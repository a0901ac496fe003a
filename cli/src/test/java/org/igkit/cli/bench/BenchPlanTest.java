package org.igkit.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.igkit.cli.bench.BenchPlan.Parallelism;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The plan's builder: the full and quick settings, and a value out of range refused by name. */
class BenchPlanTest {

  @Test
  void theBuildersDefaultsAreTheFullBenchAndQuickChangesOnlyItsOwnSettings() {
    BenchPlan full = BenchPlan.full();
    assertThat(List.of(full.samples(), full.timingImages(), full.repetitions(), full.igSteps(), full.methodSteps(),
        full.cheapSteps(), full.memorySize(), full.memoryWidth(), full.memoryBatch(), full.memorySteps(),
        full.memoryBaselines(), full.memoryHeapMib(), full.parallelSamples(), full.parallelRuns()))
        .containsExactly(24, 8, 7, 128, 64, 4, 224, 8, 16, 1000, 10, 256, 8, 3);
    assertThat(full.parallelSettings()).containsExactly(new Parallelism(1, 1), new Parallelism(2, 1),
        new Parallelism(1, 2), new Parallelism(2, 2));

    BenchPlan quick = BenchPlan.quick();
    assertThat(List.of(quick.samples(), quick.timingImages(), quick.repetitions(), quick.igSteps(), quick.methodSteps(),
        quick.cheapSteps(), quick.memorySize(), quick.memoryWidth(), quick.memoryBatch(), quick.memorySteps(),
        quick.memoryBaselines(), quick.memoryHeapMib(), quick.parallelSamples(), quick.parallelRuns()))
        .containsExactly(20, 4, 3, 128, 64, 4, 224, 8, 16, 50, 10, 256, 6, 1);
    assertThat(quick.parallelSettings()).containsExactly(new Parallelism(1, 1), new Parallelism(2, 1),
        new Parallelism(1, 2));
  }

  @ParameterizedTest
  @CsvSource({"samples, 0, 1", "timingImages, 0, 1", "repetitions, -1, 1", "igSteps, 0, 1", "methodSteps, 0, 1",
      "cheapSteps, 0, 1", "memorySize, 3, 4", "memoryWidth, 0, 1", "memoryBatch, 0, 1", "memorySteps, 0, 1",
      "memoryBaselines, 0, 1", "memoryHeapMib, 8, 16", "parallelSamples, 0, 1", "parallelRuns, 0, 1"})
  void aValueOutOfRangeIsRefusedWithItsSettingsName(String field, int bad, int least) {
    BenchPlan.Builder builder = BenchPlan.builder();
    Consumer<Integer> setter = setter(builder, field);

    assertThatThrownBy(() -> setter.accept(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bench plan: " + field + " must be at least " + least + ", got " + bad);
    setter.accept(least); // the least value is taken
    assertThat(builder.build()).isNotNull();
  }

  @Test
  void parallelSettingsAreCheckedAndCopied() {
    assertThatThrownBy(() -> new Parallelism(0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelSettings: workers must be at least 1, got 0");
    assertThatThrownBy(() -> new Parallelism(1, -2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelSettings: threads must be at least 1, got -2");
    assertThatThrownBy(() -> BenchPlan.builder().parallelSettings(null)).hasMessageContaining("parallelSettings");
    assertThatThrownBy(() -> BenchPlan.builder().parallelSettings(Arrays.asList(new Parallelism(1, 1), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelSettings must not contain null");

    List<Parallelism> settings = new ArrayList<>(List.of(new Parallelism(2, 1)));
    BenchPlan plan = BenchPlan.builder().parallelSettings(settings).build();
    settings.clear();
    assertThat(plan.parallelSettings()).containsExactly(new Parallelism(2, 1));
    assertThat(BenchPlan.builder().parallelSettings(List.of()).build().parallelSettings()).isEmpty();
  }

  private static Consumer<Integer> setter(BenchPlan.Builder b, String field) {
    return switch (field) {
      case "samples" -> b::samples;
      case "timingImages" -> b::timingImages;
      case "repetitions" -> b::repetitions;
      case "igSteps" -> b::igSteps;
      case "methodSteps" -> b::methodSteps;
      case "cheapSteps" -> b::cheapSteps;
      case "memorySize" -> b::memorySize;
      case "memoryWidth" -> b::memoryWidth;
      case "memoryBatch" -> b::memoryBatch;
      case "memorySteps" -> b::memorySteps;
      case "memoryBaselines" -> b::memoryBaselines;
      case "memoryHeapMib" -> b::memoryHeapMib;
      case "parallelSamples" -> b::parallelSamples;
      case "parallelRuns" -> b::parallelRuns;
      default -> throw new IllegalArgumentException(field);
    };
  }
}
