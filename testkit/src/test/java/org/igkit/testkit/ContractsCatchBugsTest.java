package org.igkit.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.igkit.api.aggregate.AggregateResult;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.model.Shape;
import org.igkit.api.path.Path;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathRequest;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;
import org.igkit.api.step.NodesStepRule;
import org.igkit.api.step.StepAccumulator;
import org.igkit.api.step.StepResult;
import org.igkit.api.step.StepRule;
import org.junit.jupiter.api.Test;

/**
 * The contracts are not vacuous: each is run against a plugin with a known bug — most of them bugs
 * seen in peer libraries (REFERENCE.md) — and must fail.
 */
class ContractsCatchBugsTest {

  /** Captum's trapezoid weights sum to 1 − 1/n: completeness and the closed form both fail. */
  @Test
  void stepRuleContractCatchesCaptumsTrapezoidWeights() {
    StepRuleContract captum = ContractsCatchBugsTest::captumTrapezoid;
    assertThatThrownBy(() -> captum.reproducesClosedFormOnLinearModel(8)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> captum.completeAt256Steps(AnalyticModels.linear()))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> captum.accumulatorSeesExactlyTheScheduledNodes(7))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("sum of weights");
  }

  /** An accumulator that stores every gradient and sums them at the end reads poisoned arrays. */
  @Test
  void stepRuleContractCatchesAnAccumulatorThatStoresThePath() {
    StepRuleContract hoarding = steps -> new HoardingRule(new ReferenceMidpointStepRule(steps));
    assertThatThrownBy(() -> hoarding.accumulatorKeepsNoOldGradients(AnalyticModels.softmaxLinear()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("read a gradient it had already accepted");
  }

  /** A rule that claims exact completeness it does not have fails on a kinked case. */
  @Test
  void stepRuleContractCatchesAFalseExactnessClaim() {
    StepRuleContract boastful =
        new StepRuleContract() {
          @Override
          public StepRule stepRule(int steps) {
            return new ReferenceMidpointStepRule(steps);
          }

          @Override
          public boolean exactlyComplete() {
            return true;
          }
        };
    assertThatThrownBy(() -> boastful.completeAt256Steps(AnalyticModels.reluNetwork()))
        .isInstanceOf(AssertionError.class);
  }

  /** A quadrature that disclaims reproducing IG is told to declare it. */
  @Test
  void stepRuleContractCatchesAFalseDisclaimer() {
    StepRuleContract modest =
        new StepRuleContract() {
          @Override
          public StepRule stepRule(int steps) {
            return new ReferenceMidpointStepRule(steps);
          }

          @Override
          public boolean reproducesIntegratedGradients() {
            return false;
          }
        };
    assertThatThrownBy(() -> modest.reproducesClosedFormOnLinearModel(8))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("declare it");
  }

  /** A path that writes every point into one buffer is right at batch size 1 and wrong above. */
  @Test
  void pathContractCatchesASharedPositionBuffer() {
    PathContract sharing = SharedBufferPath::new;
    assertThatThrownBy(() -> sharing.batchSizeChangesNothing(AnalyticModels.product()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("batch size 7 vs 1");
  }

  /** A path that stops short of the input fails the endpoint check. */
  @Test
  void pathContractCatchesAPathThatStopsShort() {
    PathContract shortPath = () -> new ScaledPath(0.99);
    assertThatThrownBy(() -> shortPath.runsFromStartToInput(AnalyticModels.softmaxLinear()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("last point vs the input");
  }

  /** A path whose tangent divides by α emits NaN at α = 0. */
  @Test
  void pathContractCatchesNaNAtTheStart() {
    PathContract dividing = NaNAtStartPath::new;
    assertThatThrownBy(() -> dividing.runsFromStartToInput(AnalyticModels.linear()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("tangent");
  }

  /** A staircase path (feature 1, then feature 2) is complete but not symmetric. */
  @Test
  void pathContractCatchesAFalseSymmetryClaim() {
    PathContract staircase =
        new PathContract() {
          @Override
          public Path path() {
            return new StaircasePath();
          }

          @Override
          public boolean symmetric() {
            return true;
          }
        };
    staircase.completeWithFineMidpointRule(AnalyticModels.product()); // complete, fine
    assertThatThrownBy(staircase::symmetricFeaturesGetEqualCredit).isInstanceOf(AssertionError.class);
  }

  /** Weights that sum to n/(n + 1) are not a distribution. */
  @Test
  void aggregatorContractCatchesWeightsThatDoNotSumToOne() {
    AggregatorContract leaky =
        new AggregatorContract() {
          @Override
          public Aggregator aggregator() {
            return ctx -> {
              int n = ctx.baselines().size();
              AggregateResult r = new EqualWeightsAggregator().aggregate(ctx);
              double[] w = new double[n];
              Arrays.fill(w, 1.0 / (n + 1));
              return new AggregateResult(r.attribution(), w, null, 0, Map.of());
            };
          }

          @Override
          public BaselineSampler baselines() {
            return FixedBaselineSampler.constants(0, 1);
          }
        };
    assertThatThrownBy(() -> leaky.weightsAreADistribution(AnalyticModels.product()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("sum of weights");
  }

  /** An aggregator that loses a tenth of the attribution breaks completeness. */
  @Test
  void aggregatorContractCatchesLostAttribution() {
    AggregatorContract lossy =
        new AggregatorContract() {
          @Override
          public Aggregator aggregator() {
            return ctx -> {
              AggregateResult r = new EqualWeightsAggregator().aggregate(ctx);
              double[] a = r.attribution().clone();
              for (int i = 0; i < a.length; i++) {
                a[i] *= 0.9;
              }
              return new AggregateResult(a, r.weights(), null, 0, Map.of());
            };
          }

          @Override
          public BaselineSampler baselines() {
            return FixedBaselineSampler.constants(0, 1);
          }
        };
    assertThatThrownBy(() -> lossy.completeWithFineRule(AnalyticModels.linear()))
        .isInstanceOf(AssertionError.class);
  }

  /** A sampler whose draws depend on how often it was called, not on the seed. */
  @Test
  void baselineSamplerContractCatchesHiddenState() {
    AtomicInteger calls = new AtomicInteger();
    BaselineSamplerContract stateful =
        () -> request -> List.of(new Baseline("noise", SeededArrays.uniform(
            request.random().derive("call", calls.getAndIncrement()), request.shape().size(), 0, 1)));
    assertThatThrownBy(stateful::deterministicForEqualSeeds)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("values of baseline 'noise'");
  }

  /** A sampler that blurs the input in place. */
  @Test
  void baselineSamplerContractCatchesAModifiedInput() {
    BaselineSamplerContract inPlace =
        () -> request -> {
          float[] x = request.input();
          Arrays.fill(x, 0.5f);
          return List.of(new Baseline("flattened", x));
        };
    assertThatThrownBy(inPlace::leavesTheInputAlone)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("input after sampling");
  }

  /** A sampler whose baselines have the wrong size. */
  @Test
  void baselineSamplerContractCatchesAWrongSize() {
    BaselineSamplerContract tiny = () -> request -> List.of(new Baseline("tiny", new float[3]));
    assertThatThrownBy(tiny::baselinesAreNamedAndShapedLikeTheInput)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("values of baseline 'tiny'");
  }

  // ---- the buggy plugins ----

  private static StepRule captumTrapezoid(int n) {
    int nodes = Math.max(n, 2);
    double[] alphas = IntStream.range(0, nodes).mapToDouble(j -> (double) j / (nodes - 1)).toArray();
    double[] weights = new double[nodes];
    Arrays.fill(weights, 1.0 / n);
    weights[0] = weights[nodes - 1] = 0.5 / n;
    return new NodesStepRule(alphas, weights);
  }

  /** Keeps every (weight, tangent, gradient) and sums in finish(): O(steps) memory. */
  private record HoardingRule(StepRule inner) implements StepRule {
    @Override
    public int steps() {
      return inner.steps();
    }

    @Override
    public StepRule withSteps(int n) {
      return new HoardingRule(inner.withSteps(n));
    }

    @Override
    public Schedule schedule() {
      return inner.schedule();
    }

    @Override
    public StepAccumulator start(Shape shape) {
      List<PathPoint> points = new ArrayList<>();
      List<float[]> gradients = new ArrayList<>();
      return new StepAccumulator() {
        @Override
        public void accept(PathPoint point, float score, float[] gradient) {
          points.add(point);
          gradients.add(gradient);
        }

        @Override
        public StepResult finish() {
          double[] sum = new double[shape.size()];
          for (int j = 0; j < points.size(); j++) {
            for (int i = 0; i < sum.length; i++) {
              sum[i] += points.get(j).weight() * gradients.get(j)[i] * points.get(j).tangent()[i];
            }
          }
          return new StepResult(sum, 0);
        }
      };
    }
  }

  /** A straight line whose points are all written into one array. */
  private static final class SharedBufferPath implements Path {
    @Override
    public PathTrace trace(PathRequest request) {
      float[] x = request.input();
      float[] b = request.baseline();
      float[] buffer = new float[x.length];
      float[] tangent = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        tangent[i] = x[i] - b[i];
      }
      Schedule s = request.schedule();
      AtomicInteger next = new AtomicInteger();
      return new PathTrace() {
        @Override
        public boolean hasNext() {
          return next.get() < s.size();
        }

        @Override
        public PathPoint next() {
          int j = next.getAndIncrement();
          for (int i = 0; i < x.length; i++) {
            buffer[i] = (float) (b[i] + s.alpha(j) * tangent[i]);
          }
          return new PathPoint(j, s.alpha(j), buffer, tangent, s.weight(j));
        }
      };
    }
  }

  /** γ(α) = x' + α·scale·(x − x'): ends at the wrong point unless scale = 1. */
  private record ScaledPath(double scale) implements Path {
    @Override
    public PathTrace trace(PathRequest request) {
      return line(request, (delta, a) -> scale * delta, (delta, a) -> scale * delta);
    }
  }

  /** The straight line with tangent written as (γ(α) − x')/α: 0/0 at α = 0. */
  private static final class NaNAtStartPath implements Path {
    @Override
    public PathTrace trace(PathRequest request) {
      return line(request, (delta, a) -> delta, (delta, a) -> (float) ((a * delta) / a));
    }
  }

  /** Moves feature 0 on α ∈ [0, ½] and feature 1 on [½, 1] (2-feature inputs). */
  private static final class StaircasePath implements Path {
    @Override
    public PathTrace trace(PathRequest request) {
      float[] x = request.input();
      float[] b = request.baseline();
      Schedule s = request.schedule();
      AtomicInteger next = new AtomicInteger();
      return new PathTrace() {
        @Override
        public boolean hasNext() {
          return next.get() < s.size();
        }

        @Override
        public PathPoint next() {
          int j = next.getAndIncrement();
          double a = s.alpha(j);
          double first = Math.min(1, 2 * a);
          double second = Math.max(0, 2 * a - 1);
          float[] p = {(float) (b[0] + first * (x[0] - b[0])), (float) (b[1] + second * (x[1] - b[1]))};
          float[] t = {a < 0.5 ? 2 * (x[0] - b[0]) : 0, a < 0.5 ? 0 : 2 * (x[1] - b[1])};
          return new PathPoint(j, a, p, t, s.weight(j));
        }
      };
    }
  }

  private interface Component {
    double at(double delta, double alpha);
  }

  private static PathTrace line(PathRequest request, Component position, Component tangent) {
    float[] x = request.input();
    float[] b = request.baseline();
    Schedule s = request.schedule();
    AtomicInteger next = new AtomicInteger();
    return new PathTrace() {
      @Override
      public boolean hasNext() {
        return next.get() < s.size();
      }

      @Override
      public PathPoint next() {
        int j = next.getAndIncrement();
        double a = s.alpha(j);
        float[] p = new float[x.length];
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) {
          double d = (double) x[i] - b[i];
          p[i] = (float) (b[i] + a * position.at(d, a));
          t[i] = (float) tangent.at(d, a);
        }
        return new PathPoint(j, a, p, t, s.weight(j));
      }
    };
  }
}
