/** Blur Integrated Gradients (Xu et al., CVPR 2020): a baseline-free path through scale space. */
package org.igkit.paths.blur;
