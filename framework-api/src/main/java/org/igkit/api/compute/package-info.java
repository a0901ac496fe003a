/**
 * Compute kernels for the loops that run in Java rather than in the model, and the
 * {@link org.igkit.api.compute.ComputeBackend} that runs them.
 *
 * <p>Kernels ({@code *Kernels}) are {@code public static void} methods over flat primitive arrays
 * whose independent loops are marked {@link org.igkit.api.compute.Parallel}: they allocate nothing,
 * throw nothing and call nothing but {@link java.lang.Math}, so the same source runs as plain Java
 * and, compiled again by the optional {@code compute-tornado} module, on a TornadoVM device. Images
 * and masks are {@code float}, as the model takes them; attribution maps, curves and distances are
 * {@code double}, as igkit accumulates them, so that the Java backend's numbers are those igkit
 * has always produced. Host-side helpers (allocating wrappers, the ranking sort, column medians)
 * sit next to the kernels and say that they are not kernels. Backends come from
 * {@link org.igkit.api.compute.ComputeBackendProvider}s found with {@link java.util.ServiceLoader};
 * {@link org.igkit.api.compute.ComputeBackends} uses the highest-ranked one that starts, or the one
 * {@code -Digkit.compute} names.
 */
package org.igkit.api.compute;
