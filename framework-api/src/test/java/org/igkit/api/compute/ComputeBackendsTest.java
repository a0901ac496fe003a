package org.igkit.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The chooser ranks the providers ServiceLoader finds, uses an accelerator only when its runtime and
 * backend are really there, and otherwise falls back to plain Java saying why.
 */
class ComputeBackendsTest {

  /** Stands for an accelerator's backend that starts. */
  public static final class Started extends JavaComputeBackend {
    private final String name;

    Started(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** Stands for a class that loads but fails its static initialisation (a missing native library). */
  public static final class BrokenInit {
    static {
      if (Boolean.TRUE) {
        throw new UnsatisfiedLinkError("no tornado-opencl in java.library.path");
      }
    }

    static ComputeBackend create() {
      return new JavaComputeBackend();
    }
  }

  /**
   * Listed in this module's test {@code META-INF/services}: ranked above everything, never available,
   * so the process backend of the tests stays plain Java.
   */
  public static final class NeverLoaded implements ComputeBackendProvider {
    /** Creates it, as ServiceLoader does. */
    public NeverLoaded() {}

    @Override
    public String name() {
      return "never-loaded";
    }

    @Override
    public int rank() {
      return 1000;
    }

    @Override
    public Optional<String> unavailable() {
      return Optional.of("its runtime is never loaded in tests");
    }

    @Override
    public ComputeBackend create() {
      throw new AssertionError("create() of an unavailable provider");
    }
  }

  /** A provider with a fixed name and rank, available unless given a reason, starting with {@code starts}. */
  private record Fake(String name, int rank, String absent, Supplier<ComputeBackend> starts)
      implements ComputeBackendProvider {
    static Fake starting(String name, int rank) {
      return new Fake(name, rank, null, () -> new Started(name));
    }

    static Fake absent(String name, int rank, String why) {
      return new Fake(name, rank, why, () -> {
        throw new AssertionError("create() of an unavailable provider");
      });
    }

    static Fake failing(String name, int rank, Supplier<ComputeBackend> create) {
      return new Fake(name, rank, null, create);
    }

    @Override
    public Optional<String> unavailable() {
      return Optional.ofNullable(absent);
    }

    @Override
    public ComputeBackend create() {
      return starts.get();
    }
  }

  private static final UnaryOperator<String> NO_RUNTIME = k -> null;
  private static final UnaryOperator<String> RUNTIME =
      k -> Map.of(ComputeBackends.TORNADO_RUNTIME_PROPERTY, "uk.ac.manchester.tornado.runtime.TornadoCoreRuntime").get(k);
  private static final ComputeBackendProvider JAVA = new JavaComputeBackendProvider();
  private static final ComputeBackendProvider NO_TORNADO_RUNTIME = Fake.absent("tornado", 10,
      "TornadoVM runtime not loaded: tornado.load.runtime.implementation is not set");

  private static ComputeBackends.Request auto() {
    return ComputeBackends.request(k -> null, null);
  }

  private static ComputeBackends.Request asking(String name) {
    return ComputeBackends.request(k -> k.equals(ComputeBackends.PROPERTY) ? name : null, null);
  }

  private static ComputeBackends.Decision choose(
      ComputeBackends.Request request, UnaryOperator<String> properties, ComputeBackendProvider... providers) {
    return ComputeBackends.choose(request, properties, ComputeBackends.Providers.of(providers));
  }

  @Test
  void serviceLoaderFindsJavaAndTheRegisteredProviders() {
    ComputeBackends.Providers found = ComputeBackends.discover(ComputeBackendsTest.class.getClassLoader());
    assertThat(found.found()).extracting(ComputeBackendProvider::name).contains("java", "never-loaded");
    assertThat(found.problems()).isEmpty();
    // The highest-ranked provider is not available: auto passes over it quietly to plain Java.
    ComputeBackends.Decision d = ComputeBackends.choose(auto(), NO_RUNTIME, found);
    assertThat(d.choice().backend().name()).isEqualTo("java");
    assertThat(d.choice().reason()).contains("never-loaded: its runtime is never loaded in tests");
    assertThat(d.level()).isEqualTo(System.Logger.Level.DEBUG);
  }

  @Test
  void autoTakesTheHighestRankedAvailableProvider() {
    ComputeBackends.Decision d = choose(auto(), NO_RUNTIME,
        Fake.starting("low", 5), JAVA, Fake.absent("top", 30, "no device driver"), Fake.starting("high", 20));
    assertThat(d.choice().backend().name()).isEqualTo("high");
    assertThat(d.choice().reason()).isEqualTo("top: no device driver");
    assertThat(d.level()).isEqualTo(System.Logger.Level.INFO);
    assertThat(choose(auto(), NO_RUNTIME, JAVA, Fake.starting("gpu", 10)).choice().reason())
        .isEqualTo("auto: the highest-ranked backend (rank 10)");
    ComputeBackends.Decision alone = choose(auto(), NO_RUNTIME, JAVA);
    assertThat(alone.choice().reason()).isEqualTo("auto: no other compute backend on the class path");
    assertThat(alone.level()).isEqualTo(System.Logger.Level.DEBUG);
  }

  @Test
  void withoutTheRuntimeItIsJava() {
    ComputeBackends.Decision d = choose(auto(), NO_RUNTIME, JAVA, NO_TORNADO_RUNTIME);
    assertThat(d.choice().backend()).isInstanceOf(JavaComputeBackend.class);
    assertThat(d.choice().backend().name()).isEqualTo("java");
    assertThat(d.choice().reason()).contains("tornado.load.runtime.implementation is not set");
    assertThat(d.level()).isEqualTo(System.Logger.Level.DEBUG);
    // Asking for TornadoVM does not make it appear, and says so louder.
    ComputeBackends.Decision asked = choose(asking("tornado"), NO_RUNTIME, JAVA, NO_TORNADO_RUNTIME);
    assertThat(asked.choice().backend().name()).isEqualTo("java");
    assertThat(asked.level()).isEqualTo(System.Logger.Level.WARNING);
  }

  @Test
  void withTheRuntimeButNoBackendOnTheClassPathItIsJava() {
    ComputeBackends.Decision d = choose(auto(), RUNTIME, JAVA);
    assertThat(d.choice().backend().name()).isEqualTo("java");
    assertThat(d.choice().reason()).contains("its backend is not on the class path (add igkit-compute-tornado)");
    assertThat(d.level()).isEqualTo(System.Logger.Level.WARNING);
    ComputeBackends.Decision asked = choose(asking("tornado"), NO_RUNTIME, JAVA);
    assertThat(asked.choice().backend().name()).isEqualTo("java");
    assertThat(asked.choice().reason())
        .isEqualTo("-Digkit.compute=tornado but it is not on the class path (add igkit-compute-tornado)");
    assertThat(asked.level()).isEqualTo(System.Logger.Level.WARNING);
  }

  @Test
  void aBackendThatFailsToStartGivesJavaAndSaysWhy() {
    ComputeBackends.Decision d = choose(auto(), RUNTIME, JAVA, Fake.failing("tornado", 10, () -> {
      throw new IllegalStateException("TornadoVM sees no device");
    }));
    assertThat(d.choice().backend().name()).isEqualTo("java");
    assertThat(d.choice().reason()).isEqualTo("tornado: failed to start: java.lang.IllegalStateException: TornadoVM sees no device");
    assertThat(d.level()).isEqualTo(System.Logger.Level.WARNING);
    ComputeBackends.Decision broken = choose(asking("tornado"), RUNTIME, JAVA, Fake.failing("tornado", 10, BrokenInit::create));
    assertThat(broken.choice().backend().name()).isEqualTo("java");
    assertThat(broken.choice().reason()).startsWith("-Digkit.compute=tornado but tornado: failed to start")
        .contains("UnsatisfiedLinkError");
    ComputeBackends.Decision nothing = choose(auto(), RUNTIME, JAVA, Fake.failing("tornado", 10, () -> null));
    assertThat(nothing.choice().backend().name()).isEqualTo("java");
    assertThat(nothing.choice().reason()).contains("create() returned null");
  }

  @Test
  void aFailingProviderGivesWayToTheNextRanked() {
    ComputeBackends.Decision d = choose(auto(), NO_RUNTIME, JAVA, Fake.starting("second", 10),
        Fake.failing("first", 20, () -> {
          throw new NoClassDefFoundError("uk/ac/manchester/tornado/api/TornadoRuntime");
        }));
    assertThat(d.choice().backend().name()).isEqualTo("second");
    assertThat(d.choice().reason()).contains("first: failed to start: java.lang.NoClassDefFoundError");
    assertThat(d.level()).isEqualTo(System.Logger.Level.WARNING);
  }

  @Test
  void withTheRuntimeAndABackendThatStartsItIsThatBackend() {
    assertThat(choose(auto(), RUNTIME, JAVA, Fake.starting("tornado", 10)).choice().backend().name()).isEqualTo("tornado");
    ComputeBackends.Decision asked = choose(asking("tornado"), RUNTIME, JAVA, Fake.starting("tornado", 10));
    assertThat(asked.choice().backend().name()).isEqualTo("tornado");
    assertThat(asked.choice().reason()).isEqualTo("-Digkit.compute=tornado");
    assertThat(asked.level()).isEqualTo(System.Logger.Level.INFO);
  }

  @Test
  void aNameAsksForThatProviderWhateverItsRank() {
    ComputeBackends.Decision d = choose(asking("Low"), NO_RUNTIME, JAVA, Fake.starting("high", 20), Fake.starting("low", 5));
    assertThat(d.choice().backend().name()).isEqualTo("low");
  }

  @Test
  void javaForcesPlainJavaEvenWithTheRuntime() {
    ComputeBackends.Decision d = choose(asking("java"), RUNTIME, JAVA, Fake.starting("tornado", 10));
    assertThat(d.choice().backend().name()).isEqualTo("java");
    assertThat(d.choice().reason()).isEqualTo("-Digkit.compute=java");
    assertThat(d.level()).isEqualTo(System.Logger.Level.INFO);
    // Plain Java is there even when no service file lists it.
    assertThat(choose(asking("java"), RUNTIME, Fake.starting("tornado", 10)).choice().backend())
        .isInstanceOf(JavaComputeBackend.class);
  }

  @Test
  void anUnknownNameListsTheNamesThereAre() {
    assertThatThrownBy(() -> choose(asking("gpu"), NO_RUNTIME, JAVA, Fake.starting("opencl", 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Digkit.compute: no compute backend is named 'gpu'; known: auto, java, opencl, tornado"
            + " (tornado: add igkit-compute-tornado to the class path); unset it to let igkit choose");
    assertThatThrownBy(() -> choose(ComputeBackends.request(k -> null, "GPU"), NO_RUNTIME, JAVA, Fake.starting("tornado", 10)))
        .hasMessage("IGKIT_COMPUTE: no compute backend is named 'GPU'; known: auto, java, tornado; unset it to let igkit choose");
  }

  @Test
  void providersWithTheSameOrABadNameAreRejected() {
    assertThatThrownBy(() -> choose(auto(), NO_RUNTIME, JAVA, Fake.starting("gpu", 10), Fake.starting("gpu", 20)))
        .hasMessageContaining("two compute backend providers are named 'gpu'");
    assertThatThrownBy(() -> choose(auto(), NO_RUNTIME, JAVA, Fake.starting("auto", 10)))
        .hasMessageContaining("name must be lower-case kebab-case and not 'auto', was 'auto'");
    assertThatThrownBy(() -> choose(auto(), NO_RUNTIME, JAVA, Fake.starting("GPU", 10)))
        .hasMessageContaining("was 'GPU'");
  }

  @Test
  void providersThatFailedToLoadAreReported() {
    ComputeBackends.Decision d = ComputeBackends.choose(auto(), NO_RUNTIME,
        new ComputeBackends.Providers(List.of(JAVA), List.of("a compute backend provider failed to load: x.Y not found")));
    assertThat(d.choice().backend().name()).isEqualTo("java");
    assertThat(d.choice().reason()).contains("x.Y not found");
    assertThat(d.level()).isEqualTo(System.Logger.Level.WARNING);
  }

  @Test
  void theRequestComesFromThePropertyThenTheEnvironment() {
    assertThat(ComputeBackends.request(k -> null, null).name()).isEqualTo("auto");
    assertThat(ComputeBackends.request(k -> null, " Java ")).isEqualTo(new ComputeBackends.Request("java", " Java ", "IGKIT_COMPUTE"));
    assertThat(ComputeBackends.request(k -> k.equals(ComputeBackends.PROPERTY) ? "tornado" : null, "java").name())
        .isEqualTo("tornado");
  }

  @Test
  void theProcessBackendIsJavaInPlainTests() {
    assertThat(ComputeBackends.get()).isInstanceOf(JavaComputeBackend.class);
    assertThat(ComputeBackends.choice().reason()).isNotBlank();
    assertThat(ComputeBackends.get()).isSameAs(ComputeBackends.get());
  }
}
