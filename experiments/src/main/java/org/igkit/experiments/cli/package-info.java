/**
 * The commands this module adds to {@code igkit}: {@code train} (benchmark models of every
 * architecture family, with a JSON record of how each was made and how accurate it is) and
 * {@code build-data} (evaluation splits of the Fashion-MNIST benchmarks from the Debian files).
 */
package org.igkit.experiments.cli;
