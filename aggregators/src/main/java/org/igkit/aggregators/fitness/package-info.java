/** Weighted Integrated Gradients: the fitness D_α, its exact scan and batched k-ary search, and the aggregator. */
package org.igkit.aggregators.fitness;
