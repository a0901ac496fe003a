/** Axiom metrics that need no model calls: the completeness gap. */
package org.igkit.metrics.completeness;
