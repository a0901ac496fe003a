package org.igkit.tornado;

import java.util.Optional;
import org.igkit.api.compute.ComputeBackend;
import org.igkit.api.compute.ComputeBackendProvider;
import org.igkit.api.compute.ComputeBackends;

/**
 * Provides {@link TornadoComputeBackend} to {@link ComputeBackends}, ranked above plain Java. It is
 * available only when the JVM was started with TornadoVM's flags (the system property
 * {@value ComputeBackends#TORNADO_RUNTIME_PROPERTY} is set); {@link #create()} then fails when
 * TornadoVM's classes do not load or it sees no device, and the chooser falls back to plain Java.
 * This class names nothing of TornadoVM's, so that ServiceLoader can load it without the SDK.
 */
public final class TornadoComputeBackendProvider implements ComputeBackendProvider {

  /** The name, as {@code -Digkit.compute=tornado} and {@code IGKIT_COMPUTE=tornado} spell it. */
  public static final String NAME = "tornado";

  /** The rank: above plain Java's. */
  public static final int RANK = 10;

  /** Creates the provider, as ServiceLoader does. */
  public TornadoComputeBackendProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rank() {
    return RANK;
  }

  @Override
  public Optional<String> unavailable() {
    if (System.getProperty(ComputeBackends.TORNADO_RUNTIME_PROPERTY) == null) {
      return Optional.of("TornadoVM runtime not loaded: " + ComputeBackends.TORNADO_RUNTIME_PROPERTY
          + " is not set (start java with TornadoVM's flags)");
    }
    return Optional.empty();
  }

  /**
   * Connects to TornadoVM's default device.
   *
   * @throws IllegalStateException when TornadoVM has no backend or no device
   * @throws NoClassDefFoundError  when TornadoVM's classes are not on the class or module path
   */
  @Override
  public ComputeBackend create() {
    return new TornadoComputeBackend();
  }
}
