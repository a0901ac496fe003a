/**
 * File formats shared by the modules: NumPy {@code .npy} arrays ({@link org.igkit.api.io.Npy},
 * {@link org.igkit.api.io.NpyArray}).
 */
package org.igkit.api.io;
