package org.igkit.spark;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.experiments.roar.RoarResults;
import org.igkit.experiments.roar.RoarStudy;
import org.igkit.runner.run.RunPlan;

/** The two stages of {@link SparkRoar}, as executor functions. */
final class RoarTasks {

  private RoarTasks() {}

  /** One (method, ratio) still to train: the method's index in the study's methods, and its name. */
  record Todo(int index, String method, double ratio) implements Serializable {}

  /** A finished (method, ratio), as an executor returns it. */
  record Result(String method, double ratio, int removedPixels, double accuracy, int bestEpoch, double[] epochAccuracy)
      implements Serializable {

    static Result of(RoarResults.Row row) {
      return new Result(row.method(), row.ratio(), row.removedPixels(), row.accuracy(), row.bestEpoch(),
          row.epochAccuracy().stream().mapToDouble(Double::doubleValue).toArray());
    }

    RoarResults.Row toRow() {
      return new RoarResults.Row(method, ratio, removedPixels, accuracy, bestEpoch,
          java.util.Arrays.stream(epochAccuracy).boxed().toList());
    }
  }

  /**
   * Stage one, one task per method: loads the model, attributes every training and test image for
   * the driver's predicted classes and writes the saliency file of the method; returns its index.
   */
  static final class Maps implements Function<Integer, Integer> {

    private static final long serialVersionUID = 1L;

    private final RoarJob job;
    private final int[] trainTargets;
    private final int[] testTargets;
    private final LongAccumulator computed;

    Maps(RoarJob job, int[] trainTargets, int[] testTargets, LongAccumulator computed) {
      this.job = job;
      this.trainTargets = trainTargets;
      this.testTargets = testTargets;
      this.computed = computed;
    }

    @Override
    public Integer call(Integer index) throws Exception {
      PluginRegistry registry = PluginLoader.registry();
      RoarStudy study = job.study(registry);
      RoarStudy.Inputs in = study.prepare(job.out());
      String method = in.methods().get(index);
      try (ModelFunction model = in.plan().loadModel(RunPlan.formatLoader(registry))) {
        double[][] train = study.saliencies(in, model, method, in.train(), trainTargets);
        double[][] test = study.saliencies(in, model, method, in.test(), testTargets);
        RoarJob.writeMaps(job.mapsFile(index), train, test);
      }
      computed.add(1);
      return index;
    }
  }

  /**
   * One retraining at a time per executor JVM: DJL lets one gradient collector record at a time
   * in a process, so concurrent tasks of one executor take turns (their attribution stage does not
   * need this; it computes gradients with the engine's backward call).
   */
  private static final Object TRAINING = new Object();

  /**
   * Stage two, one task per (method, ratio): reads the method's saliency file, removes the top
   * pixels, retrains (parameters under the result folder's {@code models}) and returns the row.
   * Tasks of one executor retrain one after another ({@link #TRAINING}).
   */
  static final class Retrain implements Function<Todo, Result> {

    private static final long serialVersionUID = 1L;

    private final RoarJob job;
    private final int classes;
    private final LongAccumulator trained;

    Retrain(RoarJob job, int classes, LongAccumulator trained) {
      this.job = job;
      this.classes = classes;
      this.trained = trained;
    }

    @Override
    public Result call(Todo todo) throws Exception {
      RoarStudy study = job.study(PluginLoader.registry());
      RoarStudy.Inputs in = study.prepare(job.out());
      if (!in.methods().get(todo.index()).equals(todo.method())) {
        throw new IllegalStateException("method " + todo.index() + " is '" + in.methods().get(todo.index())
            + "' on this executor, '" + todo.method() + "' on the driver");
      }
      double[][][] maps = RoarJob.readMaps(job.mapsFile(todo.index()), in.train().size(), in.test().size(),
          in.shape().height() * in.shape().width());
      RoarResults.Row row;
      synchronized (TRAINING) {
        row = study.retrain(in, todo.method(), todo.ratio(), maps[0], maps[1], classes, job.out());
      }
      trained.add(1);
      return Result.of(row);
    }
  }
}
