package org.igkit.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.igkit.api.model.Shape;

/**
 * Converts the parameters of a DJL block between float32 and float64, and reads the parameter type
 * of a TorchScript module.
 *
 * <p>DJL 0.35.1 does not implement {@link Block#cast} (every block throws "Not implemented yet"), and
 * {@link Parameter#setArray} refuses a parameter that already has an array. The conversion therefore
 * copies each parameter's values into a new array of the target type (float32 → float64 is exact),
 * closes the parameter, initialises the block again in the target type — DJL initialises only
 * parameters without an array, with the shapes the block derives from the input shape — and copies
 * the values in. Batch-norm running statistics are parameters in DJL and are converted too.
 *
 * <p>A TorchScript module cannot be converted through DJL: it exposes neither {@code Module.to(dtype)}
 * nor a way to replace a parameter's tensor (its parameters come back as arrays that share the
 * module's tensors, and an array's type cannot change in place). A model meant to run in double must
 * be exported in double.
 */
final class BlockPrecision {

  private BlockPrecision() {}

  /**
   * Converts every floating-point parameter of {@code block} to {@code type} (float32 or float64);
   * does nothing when they already are.
   *
   * @param input the shape of one input, from which the block derives its parameter shapes
   */
  static void convert(Block block, NDManager manager, Shape input, DataType type) {
    List<Parameter> parameters = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      parameters.add(p.getValue());
    }
    boolean needed = parameters.stream()
        .anyMatch(p -> p.getArray().getDataType().isFloating() && p.getArray().getDataType() != type);
    if (!needed) {
      return;
    }
    List<NDArray> values = new ArrayList<>(parameters.size());
    for (Parameter p : parameters) {
      NDArray copy = p.getArray().toType(type, true);
      copy.attach(manager);
      values.add(copy);
    }
    parameters.forEach(Parameter::close);
    block.initialize(manager, type, BlockParameters.batchShape(input));
    for (int i = 0; i < parameters.size(); i++) {
      NDArray target = parameters.get(i).getArray();
      if (target.getDataType() != type || !target.getShape().equals(values.get(i).getShape())) {
        throw new IllegalStateException("cannot convert parameter " + parameters.get(i).getName() + " to "
            + type + ": initialised as " + target.getDataType() + " " + target.getShape());
      }
      values.get(i).copyTo(target);
      values.get(i).close();
    }
  }

  /**
   * Returns the floating-point type of the parameters of a TorchScript module, or {@code null} when
   * it has none or they are of mixed types.
   */
  static DataType scriptedType(PtSymbolBlock module, NDManager manager) {
    try (NDManager scratch = manager.newSubManager()) {
      NDList parameters = JniUtils.moduleGetParams(module, (PtNDManager) scratch);
      Set<DataType> types = EnumSet.noneOf(DataType.class);
      for (NDArray p : parameters) {
        if (p.getDataType().isFloating()) {
          types.add(p.getDataType());
        }
      }
      return types.size() == 1 ? types.iterator().next() : null;
    }
  }
}
