/**
 * {@code igkit bench}: measures, on one model and one set of inputs, what igkit's design promises
 * about cost — pipeline overhead against a hand-written DJL loop, WG against EG, the fitness
 * search's rounds, the savings of two-stage filtering, the Java-side share of metric evaluation,
 * peak memory of a large attribution against one raw batch, and samples per second for several
 * workers × threads settings — and prints each as a ratio with its goal.
 */
package org.igkit.cli.bench;
