/**
 * Single-gradient methods as step rules: Gradient × Input ({@code grad-x-input}) and the plain
 * gradient ({@code gradient}), each one model gradient at the input.
 */
package org.igkit.paths.gradient;
