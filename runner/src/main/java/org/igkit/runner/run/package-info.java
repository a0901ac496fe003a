/** Running an experiment: methods built from configuration, the per-sample loop, results. */
package org.igkit.runner.run;
