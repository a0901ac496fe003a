package org.igkit.api.compute;

import java.util.Optional;

/**
 * Offers one {@link ComputeBackend} to {@link ComputeBackends}, which finds providers with
 * {@link java.util.ServiceLoader} (a jar lists its provider in
 * {@code META-INF/services/org.igkit.api.compute.ComputeBackendProvider}) and ranks them, as DJL
 * ranks its engines. Under {@code auto} the highest-ranked provider whose backend starts is used;
 * {@code -Digkit.compute=<name>} asks for one by name.
 *
 * <p>The law a provider keeps: {@link #unavailable()} starts nothing and is cheap, so that a
 * provider whose runtime is not in the JVM costs nothing; {@link #create()} either returns a
 * working backend that keeps {@link ComputeBackend}'s law or throws, and the chooser then falls
 * back to plain Java. {@link JavaComputeBackendProvider} has the lowest rank and is always
 * available.
 */
public interface ComputeBackendProvider {

  /**
   * Returns the backend's name, lower-case kebab-case, as {@code -Digkit.compute} and
   * {@code IGKIT_COMPUTE} spell it: {@code java}, {@code tornado}. {@code auto} is reserved.
   */
  String name();

  /**
   * Returns the provider's rank: under {@code auto} a higher rank is tried first. Plain Java has
   * {@value JavaComputeBackendProvider#RANK}; an accelerator ranks above it.
   */
  int rank();

  /**
   * Says, without starting anything, why this backend cannot run in this JVM (its runtime is not
   * loaded): empty when {@link #create()} may be tried. Under {@code auto} an unavailable backend is
   * passed over quietly; asked for by name, it gives plain Java and a warning.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /**
   * Starts the backend.
   *
   * @throws RuntimeException when the runtime is there but the backend cannot start (no device, a
   *     missing native library); a {@link LinkageError} is caught by the chooser as well
   */
  ComputeBackend create();
}
