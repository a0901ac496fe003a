/** Weighted Integrated Gradients: the fitness D_α, its batched k-ary search and the aggregator. */
package org.igkit.aggregators.fitness;
