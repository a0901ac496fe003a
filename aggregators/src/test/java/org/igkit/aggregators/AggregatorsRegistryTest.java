package org.igkit.aggregators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import org.igkit.aggregators.filtered.FilteredAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.plugin.Plugins;
import org.junit.jupiter.api.Test;

/** The aggregators module registers its plugins through ServiceLoader and Guice map binders. */
class AggregatorsRegistryTest {

  private final PluginRegistry registry = PluginLoader.registry();

  @Test
  void everyPluginIsFoundAndBuildsFromItsDefaults() {
    assertThat(registry.plugins(Aggregator.class)).containsKeys("uniform", "fitness", "filtered", "random");
    assertThat(registry.plugins(BaselineSampler.class))
        .containsKeys("black", "white", "gray", "uniform-noise", "blur", "dataset", "wg-paper");
    for (Class<?> spi : Plugins.SPIS) {
      for (PluginType<?> t : registry.plugins(spi).values()) {
        assertThat(t.createDefault()).as(t.toString()).isInstanceOf(spi);
        assertThat(t.description()).as(t.toString()).isNotBlank();
      }
    }
  }

  @Test
  void unknownIdsSuggestTheClosestKnownOne() {
    assertThatThrownBy(() -> registry.get(Aggregator.class, "fitnes"))
        .hasMessageContaining("unknown aggregator type 'fitnes', did you mean 'fitness'?")
        .hasMessageContaining("known: filtered, fitness, random, uniform");
  }

  /** Registers a second aggregator with the id {@code uniform}. */
  static final class ClashingModule extends AbstractModule {
    @Override
    protected void configure() {
      Plugins.register(binder(), PluginType.of(Aggregator.class, "uniform", UniformAggregator.Spec.class, UniformAggregator::new, "a second uniform"));
    }
  }

  @Test
  void aDuplicateIdFailsWhenTheInjectorIsCreated() {
    assertThat(PluginLoader.injector()).as("the injector without the clash").isNotNull();
    CreationException e = catchThrowableOfType(() -> PluginLoader.injector(new ClashingModule()), CreationException.class);
    assertThat(e).as("creating the injector with the clash must throw CreationException").isNotNull();
    assertThat(e.getErrorMessages()).as("errors").hasSize(1);
    // Guice abbreviates class names in binding sources and spells them out in a legend
    assertThat(e.getMessage())
        .contains("Duplicate key \"uniform\" found in Map<String, PluginType<Aggregator>>")
        .contains("AggregatorsModule.configure(AggregatorsModule.java:")
        .contains("AggregatorsRegistryTest$ClashingModule.configure(AggregatorsRegistryTest.java:")
        .contains(AggregatorsModule.class.getName())
        .contains(ClashingModule.class.getName());
  }

  @Test
  void specsValidateWithFieldValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> new FitnessSpec(1.5, null, null, null, null, null, null, null, null))
        .hasMessage("alpha: must be in (0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> new FitnessSpec(null, null, null, null, -1, null, null, null, null))
        .hasMessage("candidatesPerRound: must be ≥ 0, was -1");
    assertThatThrownBy(() -> new FitnessSpec(null, null, null, null, null, null, "corner-maen", null, null))
        .hasMessage("neutral: must be one of [zero, corner-mean, blur, channel-mean], was 'corner-maen', did you mean 'corner-mean'?");
    assertThatThrownBy(() -> new FitnessSpec(null, null, null, "exakt", null, null, null, null, null))
        .hasMessage("search: must be one of [exact, fast], was 'exakt', did you mean 'exact'?");
    assertThatThrownBy(() -> new FitnessSpec(null, null, "offst", null, null, null, null, null, null))
        .hasMessageStartingWith("epsilonRule: must be one of [band, offset], was 'offst'");
    assertThatThrownBy(() -> new FitnessSpec(null, -0.1, null, null, null, null, null, null, null))
        .hasMessageStartingWith("epsilon: must be in [0.0, 1.0]");
    assertThatThrownBy(() -> new FitnessSpec(null, null, null, null, null, null, null, null, -2))
        .hasMessage("cornerSize: must be ≥ 0, was -2");
    assertThatThrownBy(() -> new FilteredAggregator.Spec(null, "drop-lowets", null, null, null, null))
        .hasMessageContaining("did you mean 'drop-lowest'?");
    assertThatThrownBy(() -> new UniformAggregator.Spec("sample", null))
        .hasMessageContaining("did you mean 'sampling'?");
    FitnessSpec d = FitnessSpec.defaults();
    assertThat(d.alpha()).isEqualTo(0.5);
    assertThat(d.epsilon()).isEqualTo(0.005);
    assertThat(d.neutral()).isEqualTo("corner-mean");
    assertThat(d.ranking()).isEqualTo("signed");
    assertThat(d.search()).isEqualTo("exact");
    assertThat(d.epsilonRule()).isEqualTo("band");
    assertThat(d.candidatesPerRound()).isZero();
    assertThat(d.cornerSize()).isZero();
    FilteredAggregator.Spec f = new FilteredAggregator.Spec(null, null, null, null, null, null);
    assertThat(f.tau()).isEqualTo(0.25);
    assertThat(f.twoStage()).isFalse();
  }
}
