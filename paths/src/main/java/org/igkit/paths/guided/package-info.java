/** Guided Integrated Gradients (Kapishnikov et al., CVPR 2021): an adaptive path plugin. */
package org.igkit.paths.guided;
