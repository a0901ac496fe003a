/**
 * The path SPI: a {@link org.igkit.api.path.Path} produces a lazy
 * {@link org.igkit.api.path.PathTrace} of {@link org.igkit.api.path.PathPoint}s at the nodes of a
 * {@link org.igkit.api.path.Schedule}.
 */
package org.igkit.api.path;
