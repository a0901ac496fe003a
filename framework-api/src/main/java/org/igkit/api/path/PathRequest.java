package org.igkit.api.path;

import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;

/**
 * Everything a {@link Path} may use to trace one path.
 *
 * @param input    the input x being explained, C×H×W (the path's end)
 * @param baseline the baseline x' (the path's start for paths that need one; may be the input
 *                 itself for baseline-free paths, which ignore it)
 * @param shape    the shape of both
 * @param schedule the nodes the step rule asks for
 * @param model    the model, for paths that need it beyond the gradients they observe
 * @param target   the explained class
 * @param random   the seeded source for this (sample, method, baseline)
 */
public record PathRequest(
    float[] input,
    float[] baseline,
    Shape shape,
    Schedule schedule,
    ModelFunction model,
    int target,
    RandomSource random) {}
