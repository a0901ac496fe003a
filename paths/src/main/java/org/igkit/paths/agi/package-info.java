/**
 * The {@code agi} path: Adversarial Gradient Integration, walks from the input towards negative
 * classes whose points and steps the path chooses itself.
 */
package org.igkit.paths.agi;
