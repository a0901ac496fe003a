/** Data sets the runner reads from disk: image folders with labels and masks. */
package org.igkit.runner.data;
