/**
 * TornadoVM execution of framework-api's compute kernels: {@link org.igkit.tornado.TornadoComputeBackend}
 * and its cached execution plans. The kernels themselves, in {@code org.igkit.tornado.kernels}, are
 * generated at build time from framework-api's sources.
 */
package org.igkit.tornado;
