package org.igkit.cli.bench;

import static org.igkit.cli.bench.BenchFormat.fmt;
import static org.igkit.cli.bench.BenchFormat.pct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.igkit.api.compute.MapKernels;
import org.igkit.api.engine.Attribution;
import org.igkit.api.image.GaussianBlur;
import org.igkit.api.metric.Metric;
import org.igkit.api.metric.MetricInput;
import org.igkit.api.model.Argmax;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.Shape;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.cli.bench.BenchReport.Verdict;
import org.igkit.models.DjlModelFunction;
import org.igkit.runner.config.PluginConfig;

/**
 * Metric evaluation: the perturbation metrics (deletion and insertion AUC) run with the model
 * wrapped in a {@link TimedModel}: the share of their time spent outside model calls, i.e. in
 * Java-side ranking, masks and curve areas — on the experiment's model (WG's maps of its samples)
 * and on a random {@link BenchPlan#memorySize()}² CNN (random maps), with the experiment's
 * settings and the defaults.
 */
final class MetricShareMeasure implements BenchMeasure {

  /** Maps of the large-model case, each of its own image. */
  private static final int BIG_METRIC_IMAGES = 12;

  /** Maps to score with the metrics, on one model. */
  private record MetricCase(String model, ModelFunction function, List<float[]> images, List<Attribution> maps,
      int batch) {}

  @Override
  public String name() {
    return "metric evaluation";
  }

  @Override
  public BenchReport run(BenchPlan plan, BenchContext context) {
    BenchSamples s = context.samples();
    List<Attribution> maps = context.comparison(plan).wgMaps();
    context.progress("metric evaluation: Java-side share ...");
    BenchReport.Builder report = new BenchReport.Builder();
    List<float[]> images = new ArrayList<>();
    for (int i = 0; i < maps.size(); i++) {
      images.add(s.image(i));
    }
    Shape shape = s.model.inputShape();
    measure(plan, context, new MetricCase("the " + shape.height() + "×" + shape.width() + " model", s.model, images,
        maps, s.batch), report);
    // the same on a 224×224 CNN: the Java-side work grows with the pixels, and so does the model's
    int size = plan.memorySize();
    Shape big = Shape.of(3, size, size);
    try (DjlModelFunction model = MemoryProbe.randomCnn(big, plan.memoryWidth())) {
      List<float[]> bigImages = new ArrayList<>();
      List<Attribution> bigMaps = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(11);
      // more images than Fill keeps blurs of, so that each repetition blurs every image once,
      // as on the 32×32 model's 24 maps
      for (int i = 0; i < BIG_METRIC_IMAGES; i++) {
        float[] x = new float[big.size()];
        float[] map = new float[big.size()];
        for (int j = 0; j < x.length; j++) {
          x[j] = (float) random.nextDouble();
          map[j] = (float) random.nextGaussian();
        }
        int target = Argmax.of(model.outputs(List.of(x))[0]);
        bigImages.add(x);
        bigMaps.add(new Attribution(big, map, target, 0, List.of("random"), new double[] {0}, new double[] {1}, null,
            0, 0, 0, Map.of()));
      }
      measure(plan, context, new MetricCase("a random " + size + "×" + size + " small-cnn of width "
          + plan.memoryWidth() + " (random maps)", model, bigImages, bigMaps, s.batch), report);
    }
    return report.build();
  }

  /** Measures one case with the experiment's settings and, where they differ, with the defaults. */
  private static void measure(BenchPlan plan, BenchContext context, MetricCase c, BenchReport.Builder report) {
    PluginRegistry registry = context.registry();
    PluginConfig deletion = context.metricConfig("deletion-auc");
    PluginConfig insertion = context.metricConfig("insertion-auc");
    PluginConfig plainDeletion = PluginConfig.defaults(registry.get(Metric.class, "deletion-auc"));
    PluginConfig plainInsertion = PluginConfig.defaults(registry.get(Metric.class, "insertion-auc"));
    boolean plain = deletion.equals(plainDeletion) && insertion.equals(plainInsertion);
    measure(plan, context, c, deletion, insertion, plain ? "default settings" : "the experiment's settings: "
        + settings(deletion) + ", " + settings(insertion), report);
    if (!plain) {
      measure(plan, context, c, plainDeletion, plainInsertion, "default settings: zero replacement and start", report);
    }
  }

  private static void measure(BenchPlan plan, BenchContext context, MetricCase c, PluginConfig deletion,
      PluginConfig insertion, String label, BenchReport.Builder report) {
    Clock clock = context.clock();
    List<Metric> metrics = List.of(deletion.create(context.registry()), insertion.create(context.registry()));
    TimedModel timed = new TimedModel(c.function());
    int reps = Math.max(1, plan.repetitions());
    int n = c.maps().size();
    double[] share = new double[reps];
    double[] javaMs = new double[reps];
    double[] modelMs = new double[reps];
    for (Metric metric : metrics) { // warm-up
      metric.evaluate(new MetricInput(timed, c.images().get(0), c.maps().get(0), null, c.batch()));
    }
    for (int r = 0; r < reps; r++) {
      timed.reset();
      long t0 = clock.nanos();
      for (int i = 0; i < n; i++) {
        for (Metric metric : metrics) {
          metric.evaluate(new MetricInput(timed, c.images().get(i), c.maps().get(i), null, c.batch()));
        }
      }
      long total = clock.nanos() - t0;
      share[r] = 1 - (double) timed.modelNanos() / total;
      javaMs[r] = 1e-6 * (total - timed.modelNanos()) / (2.0 * n);
      modelMs[r] = 1e-6 * timed.modelNanos() / (2.0 * n);
    }
    double med = Stats.median(share);
    report.row("metric evaluation: share of time in Java-side mask/curve work (deletion-auc and insertion-auc, "
            + label + "; " + c.model() + ", " + n + " maps)",
        pct(med) + " (" + fmt(Stats.median(javaMs), 2) + " ms Java vs " + fmt(Stats.median(modelMs), 2)
            + " ms in the model per evaluation)",
        "≤ 5 %", Verdict.of(med <= 0.05));
    if (med > 0.05) {
      boolean blur = label.contains("blur");
      Shape shape = c.function().inputShape();
      double rank = rankMs(clock, c.maps().get(0));
      double blurred = blur ? blurMs(clock, c.images().get(0), shape) : 0;
      double java = Stats.median(javaMs);
      report.note("- Metric evaluation (" + label + "; " + c.model() + "), not met: per evaluation " + fmt(java, 2)
          + " ms of Java-side work against " + fmt(Stats.median(modelMs), 2) + " ms for the model's forward pass of"
          + " the curve's images. Of the Java side, ranking the map takes " + fmt(rank, 2) + " ms when timed on its own"
          + " (MapKernels.rankDescending: a primitive sort of packed keys)"
          + (blur ? ", the σ = 10 Gaussian blur that makes the replacement/start image " + fmt(blurred, 2)
              + " ms per image, about half that per evaluation (made once per image and kept for its other maps: here"
              + " the deletion and insertion of a map share it, in an experiment every method's map does)" : "")
          + ", the rest " + fmt(Math.max(0, java - rank - (blur ? blurred / 2 : 0)), 2) + " ms: the masked images, the"
          + " curve and the checks, and what the ranking loses when it runs between model calls, on caches the model has"
          + " filled. A larger classifier costs more per image while this stays the same for the same image size.");
    }
  }

  /** Milliseconds to rank the positions of a map as the metrics do, the median of 11. */
  private static double rankMs(Clock clock, Attribution map) {
    Shape shape = map.shape();
    double[] values = new double[map.values().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = map.values()[i];
    }
    double[] t = new double[11];
    for (int r = 0; r < t.length; r++) {
      long t0 = clock.nanos();
      MapKernels.rankDescending(MapKernels.spatialSum(values, shape.channels(), shape.pixels(), false));
      t[r] = (clock.nanos() - t0) / 1e6;
    }
    return Stats.median(t);
  }

  /** Milliseconds of one σ = 10 blur of an image, the median of 11. */
  private static double blurMs(Clock clock, float[] image, Shape shape) {
    double[] t = new double[11];
    for (int r = 0; r < t.length; r++) {
      long t0 = clock.nanos();
      GaussianBlur.blur(image, shape, 10, GaussianBlur.Padding.REFLECT);
      t[r] = (clock.nanos() - t0) / 1e6;
    }
    return Stats.median(t);
  }

  private static String settings(PluginConfig config) {
    StringBuilder b = new StringBuilder(config.type());
    config.resolved().forEach((k, v) -> {
      if (!k.equals("type") && (k.equals("replacement") || k.equals("start"))) {
        b.append(' ').append(k).append(' ').append(v);
      }
    });
    return b.toString();
  }
}
