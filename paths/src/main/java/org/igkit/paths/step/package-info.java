/** Step-rule plugins: Riemann sums, Gauss–Legendre quadrature and IDGI. */
package org.igkit.paths.step;
