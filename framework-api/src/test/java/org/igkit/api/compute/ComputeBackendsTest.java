package org.igkit.api.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The chooser uses TornadoVM only when its runtime and backend are really there. */
class ComputeBackendsTest {

  /** Stands for a TornadoVM backend that starts. */
  public static final class Started extends JavaComputeBackend {
    /** Creates it. */
    public Started() {}

    @Override
    public String name() {
      return "started";
    }
  }

  /** Stands for a TornadoVM backend that finds no device. */
  public static final class NoDevice extends JavaComputeBackend {
    /** Fails as the TornadoVM backend does without a device. */
    public NoDevice() {
      throw new IllegalStateException("TornadoVM sees no device");
    }
  }

  /** Stands for a class that loads but fails its static initialisation (a missing native library). */
  public static final class BrokenInit {
    static {
      if (Boolean.TRUE) {
        throw new UnsatisfiedLinkError("no tornado-opencl in java.library.path");
      }
    }
  }

  private static final ClassLoader LOADER = ComputeBackendsTest.class.getClassLoader();
  private static final UnaryOperator<String> NO_RUNTIME = k -> null;
  private static final UnaryOperator<String> RUNTIME =
      k -> Map.of(ComputeBackends.TORNADO_RUNTIME_PROPERTY, "uk.ac.manchester.tornado.runtime.TornadoCoreRuntime").get(k);

  private static String name(Class<?> c) {
    return c.getName();
  }

  @Test
  void withoutTheRuntimeItIsJava() {
    ComputeBackends.Choice c = ComputeBackends.choose("auto", NO_RUNTIME, name(Started.class), LOADER);
    assertThat(c.backend()).isInstanceOf(JavaComputeBackend.class);
    assertThat(c.backend().name()).isEqualTo("java");
    assertThat(c.reason()).contains("tornado.load.runtime.implementation is not set");
    // Asking for TornadoVM does not make it appear.
    assertThat(ComputeBackends.choose("tornado", NO_RUNTIME, name(Started.class), LOADER).backend().name())
        .isEqualTo("java");
  }

  @Test
  void withTheRuntimeButNoBackendClassItIsJava() {
    ComputeBackends.Choice c = ComputeBackends.choose("auto", RUNTIME, ComputeBackends.TORNADO_BACKEND, LOADER);
    assertThat(c.backend().name()).isEqualTo("java");
    assertThat(c.reason()).contains("org.igkit.tornado.TornadoComputeBackend is not on the class path");
  }

  @Test
  void aBackendThatFailsToStartGivesJavaAndSaysWhy() {
    ComputeBackends.Choice c = ComputeBackends.choose("auto", RUNTIME, name(NoDevice.class), LOADER);
    assertThat(c.backend().name()).isEqualTo("java");
    assertThat(c.reason()).contains("failed to start").contains("TornadoVM sees no device");
    ComputeBackends.Choice broken = ComputeBackends.choose("tornado", RUNTIME, name(BrokenInit.class), LOADER);
    assertThat(broken.backend().name()).isEqualTo("java");
    assertThat(broken.reason()).contains("UnsatisfiedLinkError");
    ComputeBackends.Choice notABackend = ComputeBackends.choose("auto", RUNTIME, String.class.getName(), LOADER);
    assertThat(notABackend.backend().name()).isEqualTo("java");
    assertThat(notABackend.reason()).contains("is not a ComputeBackend");
  }

  @Test
  void withTheRuntimeAndABackendThatStartsItIsThatBackend() {
    assertThat(ComputeBackends.choose("auto", RUNTIME, name(Started.class), LOADER).backend().name()).isEqualTo("started");
    assertThat(ComputeBackends.choose("tornado", RUNTIME, name(Started.class), LOADER).backend().name()).isEqualTo("started");
  }

  @Test
  void javaForcesPlainJavaEvenWithTheRuntime() {
    ComputeBackends.Choice c = ComputeBackends.choose("java", RUNTIME, name(Started.class), LOADER);
    assertThat(c.backend().name()).isEqualTo("java");
    assertThat(c.reason()).isEqualTo("igkit.compute=java");
  }

  @Test
  void theModeComesFromThePropertyThenTheEnvironment() {
    assertThat(ComputeBackends.mode(k -> null, null)).isEqualTo("auto");
    assertThat(ComputeBackends.mode(k -> null, "Java")).isEqualTo("java");
    assertThat(ComputeBackends.mode(k -> k.equals(ComputeBackends.PROPERTY) ? "tornado" : null, "java")).isEqualTo("tornado");
    assertThatThrownBy(() -> ComputeBackends.mode(k -> k.equals(ComputeBackends.PROPERTY) ? "gpu" : null, null))
        .hasMessage("-Digkit.compute: must be auto, java or tornado, was 'gpu'; unset it to let igkit choose");
  }

  @Test
  void theProcessBackendIsJavaInPlainTests() {
    assertThat(ComputeBackends.get()).isInstanceOf(JavaComputeBackend.class);
    assertThat(ComputeBackends.choice().reason()).isNotBlank();
    assertThat(ComputeBackends.get()).isSameAs(ComputeBackends.get());
  }
}
