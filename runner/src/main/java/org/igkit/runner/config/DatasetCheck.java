package org.igkit.runner.config;

import java.util.List;
import java.util.Map;
import org.igkit.api.data.Dataset;
import org.igkit.api.io.Storages;
import org.igkit.api.metric.Metric;
import org.igkit.api.model.ModelSpec;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.runner.data.ImageFolderCheck;
import org.igkit.runner.data.ImageFolderDataset;

/**
 * What the data set must agree with before a run: an image folder takes its channels, height and
 * width from the model unless given, is checked against the model from its files' headers
 * ({@link ImageFolderCheck}), and must have masks when a metric compares maps with masks
 * ({@link Capability#NEEDS_MASKS}). Other data sets are generated or archived, and say nothing
 * about their masks here.
 */
final class DatasetCheck {

  private final PluginRegistry registry;
  private final SpecBinder binder;
  private final ErrorSink errors;
  private final Storages storages;
  private final boolean checkFiles;

  /**
   * @param storages   what the data set's locations are read through
   * @param checkFiles whether to check the image folder's files (false: checked already, elsewhere)
   */
  DatasetCheck(PluginRegistry registry, SpecBinder binder, ErrorSink errors, Storages storages, boolean checkFiles) {
    this.registry = registry;
    this.binder = binder;
    this.errors = errors;
    this.storages = storages;
    this.checkFiles = checkFiles;
  }

  /**
   * Returns the data set with an image folder's size filled in from {@code model}, reporting what
   * does not agree; {@code null} arguments are parts that had errors already.
   */
  PluginConfig check(PluginConfig dataset, Located at, ModelSpec model, Selection selection,
      List<PluginConfig> metrics, Located metricsAt) {
    if (dataset == null || !(dataset.spec() instanceof ImageFolderDataset.Spec spec)) {
      return dataset;
    }
    if (spec.masks() == null && metrics != null) {
      masksNeeded(metrics, metricsAt);
    }
    if (model == null) {
      return dataset;
    }
    Shape input = model.shape();
    Map<String, Object> values = SpecMaps.toMap(spec);
    if (!at.key("channels").present()) {
      values.put("channels", input.channels());
    }
    if (values.get("height") == null) {
      values.put("height", input.height());
    }
    if (values.get("width") == null) {
      values.put("width", input.width());
    }
    ImageFolderDataset.Spec sized;
    try {
      sized = binder.bind(ImageFolderDataset.Spec.class, values);
    } catch (SpecBinder.Refused r) {
      errors.value(at.at(r.at()), r.getMessage());
      return null;
    }
    List<ImageFolderCheck.Problem> problems = checkFiles
        ? ImageFolderCheck.check(sized, input, selection::select, storages) : List.of();
    for (ImageFolderCheck.Problem p : problems) {
      errors.value(at.key(p.key()), p.message());
    }
    return problems.isEmpty() ? new PluginConfig(Dataset.class, dataset.type(), sized, dataset.name()) : null;
  }

  private void masksNeeded(List<PluginConfig> metrics, Located metricsAt) {
    for (int i = 0; i < metrics.size(); i++) {
      PluginConfig m = metrics.get(i);
      PluginType<?> type = registry.plugins(Metric.class).get(m.type());
      if (type != null && type.has(Capability.NEEDS_MASKS)) {
        Located item = metricsAt.isList() ? metricsAt.item(i) : metricsAt;
        errors.value(item, "'" + m.id() + "' compares maps with ground-truth masks, but the data set has none:"
            + " set dataset.masks to a folder holding a mask a/b.png for each image a/b.jpg, or drop this metric");
      }
    }
  }
}
