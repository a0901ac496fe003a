/**
 * The static HTML report of a run: flags, summary and comparison tables (also as CSV and LaTeX),
 * SVG curves with confidence bands, the heat-map grid with its colour bar, weights, provenance.
 */
package org.igkit.runner.html;
