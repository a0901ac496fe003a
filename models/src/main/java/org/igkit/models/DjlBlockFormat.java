package org.igkit.models;

import java.util.Map;
import org.igkit.api.model.ModelFormat;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.spec.Checks;
import org.igkit.models.block.BlockArchitectures;
import org.igkit.models.block.SmallCnn;

/**
 * Model format {@code djl-block}: one of igkit's benchmark architectures ({@code small-cnn},
 * {@code resnet}, {@code vgg}, {@code mobilenetv2}) built as a DJL block of the spec's width and
 * number of classes, with parameters read from a file written by {@code Block.saveParameters} or a
 * folder written by {@code Model.save}.
 */
public final class DjlBlockFormat implements ModelFormat {

  /** The registration. */
  public static final PluginType<ModelFormat> TYPE = PluginType.of(ModelFormat.class, ModelSpec.DJL_BLOCK,
      NoParameters.class, p -> new DjlBlockFormat(),
      "a benchmark architecture (model.architecture, width, numClasses) with saved DJL parameters");

  /**
   * Fills {@code architecture} ({@code small-cnn}) and {@code width} (16) and requires
   * {@code numClasses}.
   */
  @Override
  public ModelSpec resolve(ModelSpec spec) {
    String architecture = Checks.oneOf("architecture",
        spec.architecture() == null ? SmallCnn.TYPE : spec.architecture(), BlockArchitectures.ids());
    int width = spec.width() == null ? SmallCnn.DEFAULT_WIDTH : spec.width();
    if (spec.numClasses() == null) {
      throw new IllegalArgumentException(
          "numClasses: is missing; a djl-block model needs it to build its last layer");
    }
    return spec.toBuilder().optBlock(architecture, width).build();
  }

  @Override
  public ModelFunction load(ModelSpec spec) {
    return DjlModelFunction.load(resolve(spec));
  }

  @Override
  public Map<String, String> runtimeVersions() {
    return PyTorchRuntime.versions();
  }
}
