/** The static HTML report of a run: summary table, curves, heat-map grid, weights, provenance. */
package org.igkit.runner.html;
