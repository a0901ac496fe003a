/** The straight-line path of Integrated Gradients. */
package org.igkit.paths.straight;
