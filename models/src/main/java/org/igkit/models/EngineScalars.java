package org.igkit.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Constants for arrays that take part in a backward pass, allocated by the engine.
 *
 * <p>DJL's array operations with a {@link Number} operand ({@code add}, {@code sub}, {@code mul},
 * {@code div}, {@code pow}, {@code maximum}, {@code minimum}) wrap the number in a scalar array that,
 * on the CPU, reads a Java direct buffer in place, and close that array as soon as the operation
 * returns. Autograd
 * keeps the scalar for the backward pass of {@code mul}, {@code div}, {@code pow}, {@code maximum} and
 * {@code minimum}; once the closed array is garbage, the JVM frees the buffer, and a backward pass run
 * after that garbage collection reads freed memory: the outputs are right, the gradients silently
 * wrong (ReLU6 as {@code minimum(relu(x), 6)} then passes no gradient at all). A scalar made here is
 * owned by the engine, which keeps it as long as the graph needs it.
 */
public final class EngineScalars {

  private EngineScalars() {}

  /** Returns {@code value} as a scalar array of {@code like}'s type, device and manager, held by the engine. */
  public static NDArray of(NDArray like, double value) {
    return JniUtils.full((PtNDManager) like.getManager(), new Shape(), value,
        like.getDataType(), like.getDevice(), SparseFormat.DENSE);
  }

  /** {@code min(max(x, 0), 6)}, with the gradient of DJL's {@code Activation.relu6}. */
  public static NDArray relu6(NDArray x) {
    NDArray relu = x.getNDArrayInternal().relu();
    return relu.minimum(of(relu, 6));
  }
}
