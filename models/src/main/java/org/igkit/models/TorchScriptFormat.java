package org.igkit.models;

import java.util.Map;
import org.igkit.api.model.ModelFormat;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.plugin.PluginType;

/**
 * Model format {@code torchscript}: a file saved by {@code torch.jit.trace(...).save} or
 * {@code torch.jit.save} (users' torchvision / timm models), run by DJL's PyTorch engine in eval
 * mode with input gradients (see {@link DjlModelFunction}).
 */
public final class TorchScriptFormat implements ModelFormat {

  /** The registration. */
  public static final PluginType<ModelFormat> TYPE = PluginType.of(ModelFormat.class, ModelSpec.TORCHSCRIPT,
      NoParameters.class, p -> new TorchScriptFormat(),
      "a TorchScript file (torch.jit.trace / torch.jit.save), e.g. a torchvision or timm model");

  @Override
  public ModelSpec resolve(ModelSpec spec) {
    if (spec.architecture() != null) {
      throw new IllegalArgumentException(
          "architecture: applies only to format djl-block, was '" + spec.architecture()
              + "' with format torchscript; remove it (a TorchScript file holds its architecture)");
    }
    if (spec.width() != null) {
      throw new IllegalArgumentException(
          "width: applies only to format djl-block, was " + spec.width() + " with format torchscript");
    }
    return spec;
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
