package org.igkit.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepRule;
import org.junit.jupiter.api.Test;

/** Registration into the per-SPI map binders. */
class PluginsTest {

  /** A spec with no parameters. */
  record Empty() {}

  private static PluginType<StepRule> rule(String description) {
    return PluginType.of(
        StepRule.class, "one-node", Empty.class, s -> NodesStepRule.monteCarlo(new double[] {0.5}), description);
  }

  /** Registers {@code one-node}. */
  static final class FirstModule extends AbstractModule {
    @Override
    protected void configure() {
      Plugins.register(binder(), rule("the first"));
    }
  }

  /** Registers {@code one-node} again. */
  static final class SecondModule extends AbstractModule {
    @Override
    protected void configure() {
      Plugins.register(binder(), rule("the second"));
    }
  }

  @Test
  void aDuplicateIdFailsAtInjectorCreationNamingBothRegisteringModules() {
    CreationException e = catchThrowableOfType(
        () -> Guice.createInjector(new PluginLoader.SpiModule(), new FirstModule(), new SecondModule()),
        CreationException.class);
    assertThat(e).as("injector creation must fail").isNotNull();
    assertThat(e.getMessage())
        .contains("\"one-node\"")
        // Guice abbreviates class names in the bindings' sources and spells them out in a legend
        .contains("PluginsTest$FirstModule.configure(PluginsTest.java:")
        .contains("PluginsTest$SecondModule.configure(PluginsTest.java:")
        .contains(FirstModule.class.getName())
        .contains(SecondModule.class.getName())
        .doesNotContain("Plugins.register(");
  }

  @Test
  void modelCallsAreEmptyUntilDeclaredAndKeepEverythingElse() {
    PluginType<StepRule> plain = rule("plain");
    assertThat(plain.modelCalls()).isEmpty();
    PluginType<StepRule> counted = plain.withModelCalls(" 1 gradient ");
    assertThat(counted.modelCalls()).contains("1 gradient");
    assertThat(counted.id()).isEqualTo("one-node");
    assertThat(counted.description()).isEqualTo("plain");
    assertThat(counted.createDefault().steps()).isEqualTo(1);
    assertThat(plain.modelCalls()).as("the original registration is unchanged").isEmpty();
    assertThatThrownBy(() -> plain.withModelCalls(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'one-node'")
        .hasMessageContaining("model calls");
  }
}
