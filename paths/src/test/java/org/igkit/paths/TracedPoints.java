package org.igkit.paths;

import java.util.ArrayList;
import java.util.List;
import org.igkit.api.engine.Integrator;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.Schedule;
import org.igkit.api.random.RandomSource;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;

/**
 * Every point a path hands to its step rule, as the engine's {@link Integrator} drives it: the
 * observed point (position, tangent, weight) with the score and gradient there. For tests that
 * look at the path itself.
 *
 * @param points    the points, in path order
 * @param scores    the score at each point
 * @param gradients the gradient at each point
 */
public record TracedPoints(List<PathPoint> points, List<Float> scores, List<float[]> gradients) {

  /** Traces {@code path} from {@code baseline} to {@code input} through {@code schedule}. */
  public static TracedPoints trace(
      Path path, ModelFunction model, float[] input, float[] baseline, Schedule schedule, int batchSize) {
    List<PathPoint> points = new ArrayList<>();
    List<Float> scores = new ArrayList<>();
    List<float[]> gradients = new ArrayList<>();
    StepAccumulator recorder =
        new StepAccumulator() {
          @Override
          public void accept(PathPoint point, float score, float[] gradient) {
            points.add(new PathPoint(point.index(), point.alpha(), point.position().clone(),
                point.tangent().clone(), point.weight()));
            scores.add(score);
            gradients.add(gradient.clone());
          }

          @Override
          public StepResult finish() {
            return new StepResult(new double[0], 0);
          }
        };
    PathRequest request =
        new PathRequest(input, baseline, model.inputShape(), schedule, model, 0, RandomSource.of(1).derive("path", 0));
    new Integrator(model, batchSize).run(List.of(path.trace(request)), List.of(recorder), 0);
    return new TracedPoints(points, scores, gradients);
  }

  /** Returns the position of point {@code k}. */
  public float[] position(int k) {
    return points.get(k).position();
  }

  /** Returns the number of points. */
  public int size() {
    return points.size();
  }
}
