/** igkit's experiments: benchmark data built by construction, training recipes and the quick start. */
package org.igkit.experiments;
