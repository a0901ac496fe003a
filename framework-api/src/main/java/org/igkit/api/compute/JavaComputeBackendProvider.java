package org.igkit.api.compute;

/**
 * Provides {@link JavaComputeBackend}: always available, with the lowest rank, so that
 * {@link ComputeBackends} uses it when nothing ranked higher starts. The chooser adds it itself
 * when the service file that lists it is missing (a jar merged without its
 * {@code META-INF/services}).
 */
public final class JavaComputeBackendProvider implements ComputeBackendProvider {

  /** The name, as {@code -Digkit.compute=java} spells it. */
  public static final String NAME = "java";

  /** The rank: below every accelerator. */
  public static final int RANK = 0;

  /** Creates the provider. */
  public JavaComputeBackendProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int rank() {
    return RANK;
  }

  @Override
  public ComputeBackend create() {
    return new JavaComputeBackend();
  }
}
