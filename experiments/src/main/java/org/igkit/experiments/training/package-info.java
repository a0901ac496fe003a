/** Training recipes for the benchmark models igkit trains itself with DJL. */
package org.igkit.experiments.training;
