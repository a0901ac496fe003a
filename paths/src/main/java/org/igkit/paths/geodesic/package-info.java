/**
 * Geodesic Integrated Gradients, k-nearest-neighbour variant (Salek and Enguehard, 2025): a path
 * through a graph of points weighted by the model's gradient norm.
 */
package org.igkit.paths.geodesic;
