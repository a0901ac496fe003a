package org.igkit.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.aggregators.baseline.ConstantBaselineSampler;
import org.igkit.aggregators.baseline.UniformNoiseBaselineSampler;
import org.igkit.aggregators.fitness.FitnessAggregator;
import org.igkit.aggregators.fitness.FitnessSpec;
import org.igkit.aggregators.uniform.UniformAggregator;
import org.igkit.api.aggregate.Aggregator;
import org.igkit.api.aggregate.Baseline;
import org.igkit.api.aggregate.BaselineSampler;
import org.igkit.api.engine.Attribution;
import org.igkit.api.engine.AttributionEngine;
import org.igkit.api.engine.AttributionMethod;
import org.igkit.api.engine.EngineOptions;
import org.igkit.api.model.ModelFunction;
import org.igkit.api.model.ScoresAndGradients;
import org.igkit.api.model.Shape;
import org.igkit.api.random.RandomSource;
import org.igkit.paths.step.RiemannStepRule;
import org.igkit.paths.straight.StraightPath;
import org.junit.jupiter.api.Test;

/**
 * One forward pass and one backward pass per class, the graph kept between them, give each class
 * the very bits of its own forward and backward pass on the CPU — and so multi-class attributions
 * the bits of single-class runs.
 */
class SharedForwardTargetsTest {

  private static final int[] CLASSES = {0, 3, 7, 9};

  private static List<float[]> points() {
    List<float[]> p = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      p.add(Fixtures.randomImage(40 + i));
    }
    p.add(new float[Fixtures.SIZE]);
    p.add(Fixtures.formulaInput(0.7, 0.31, 0.17, 0.0));
    return p;
  }

  @Test
  void eachClassGetsTheBitsOfItsOwnForwardAndBackwardPass() {
    List<float[]> points = points();
    try (DjlModelFunction model = DjlModelFunction.load(Fixtures.tinyCnn())) {
      List<ScoresAndGradients> shared = model.scoresAndGradientsForEach(points, CLASSES);
      assertThat(shared).hasSize(CLASSES.length);
      for (int c = 0; c < CLASSES.length; c++) {
        int[] targets = new int[points.size()];
        Arrays.fill(targets, CLASSES[c]);
        ScoresAndGradients alone = model.scoresAndGradients(points, targets);
        assertThat(bits(shared.get(c).scores())).containsExactly(bits(alone.scores()));
        for (int i = 0; i < points.size(); i++) {
          assertThat(bits(shared.get(c).gradients().get(i))).as("class %d point %d", CLASSES[c], i)
              .containsExactly(bits(alone.gradients().get(i)));
        }
      }
      // A later call is not disturbed by the kept graph or the reset gradient of an earlier one.
      ScoresAndGradients again = model.scoresAndGradients(points, new int[] {3, 3, 3, 3, 3, 3, 3});
      assertThat(bits(again.gradients().get(0))).containsExactly(bits(shared.get(1).gradients().get(0)));
    }
  }

  /**
   * A gradient element that is −0.0 keeps its sign: logit k = Σ_i x_i W_ki, one branch per class,
   * where W_ti is −0.0 at pixel 0 and every other class's weight there is negative, so class t's
   * gradient at pixel 0 is a sum of −0.0 terms (0 × W_ki for the other classes). A gradient reset
   * to +0.0 between the backward passes would turn it into +0.0.
   */
  @Test
  void aNegativeZeroGradientKeepsItsSign() {
    int c = 1;
    int h = 2;
    int w = 2;
    int size = c * h * w;
    int classes = 3;
    float[][] weights = {{-0.0f, 0.5f, -1f, 2f}, {-1f, 0.25f, 3f, -0.5f}, {-2f, -0.75f, 1f, 1.5f}};
    PyTorchRuntime.start(1, 1);
    Model m = Model.newInstance("negative-zero", PyTorchRuntime.ENGINE);
    m.setBlock(ai.djl.nn.LambdaBlock.singleton(x -> {
      NDArray flat = x.reshape(x.getShape().get(0), size);
      ai.djl.ndarray.NDList logits = new ai.djl.ndarray.NDList();
      for (float[] row : weights) {
        logits.add(flat.mul(x.getManager().create(row)).sum(new int[] {1}));
      }
      return NDArrays.stack(logits, 1);
    }));
    org.igkit.api.model.ModelSpec spec = org.igkit.api.model.ModelSpec.builder().setPath("negative-zero.pt")
        .setInputShape(c, h, w).optOutput("logit").build();
    List<float[]> points = List.of(new float[] {0.5f, 0.25f, 1f, 0.75f}, new float[] {1f, 0f, 0.5f, 0.25f});
    int[] order = {1, 0, 2}; // class 0 after another class: its pass follows a reset gradient
    try (DjlModelFunction model = DjlModelFunction.wrap(spec, m)) {
      assertThat(model.numClasses()).isEqualTo(classes);
      List<ScoresAndGradients> shared = model.scoresAndGradientsForEach(points, order);
      ScoresAndGradients alone = model.scoresAndGradients(points, new int[] {0, 0});
      assertThat(Float.floatToRawIntBits(alone.gradients().get(0)[0])).as("the single pass gives −0.0")
          .isEqualTo(Float.floatToRawIntBits(-0.0f));
      for (int i = 0; i < points.size(); i++) {
        assertThat(bits(shared.get(1).gradients().get(i))).containsExactly(bits(alone.gradients().get(i)));
      }
    }
  }

  @Test
  void oneClassOrNoPointsAnswerAsTheSingleClassCall() {
    List<float[]> points = points().subList(0, 2);
    try (DjlModelFunction model = DjlModelFunction.load(Fixtures.tinyCnn())) {
      assertThat(model.scoresAndGradientsForEach(points, new int[] {5})).hasSize(1);
      assertThat(model.scoresAndGradientsForEach(List.of(), CLASSES)).hasSize(CLASSES.length)
          .allSatisfy(s -> assertThat(s.scores()).isEmpty());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> model.scoresAndGradientsForEach(points, new int[] {1, 10}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 10");
    }
  }

  @Test
  void multiClassAttributionsEqualSingleClassRunsBitForBitWithOneForwardPerBatch() {
    List<Baseline> baselines = new ArrayList<>();
    baselines.addAll(new ConstantBaselineSampler("black", 0f).sample(
        new org.igkit.api.aggregate.BaselineRequest(Fixtures.randomImage(1), Shape.of(3, 32, 32),
            RandomSource.of(1), List.of())));
    baselines.addAll(new UniformNoiseBaselineSampler(new UniformNoiseBaselineSampler.Spec(2, null, null)).sample(
        new org.igkit.api.aggregate.BaselineRequest(Fixtures.randomImage(1), Shape.of(3, 32, 32),
            RandomSource.of(2), List.of())));
    BaselineSampler sampler = request -> baselines;
    float[] input = Fixtures.formulaInput(0.7, 0.31, 0.17, 0.0);
    int steps = 8;
    int batch = 5;
    int[] targets = {3, 9, 0};
    FitnessSpec fitness = new FitnessSpec(null, null, null, null, null, null, "zero", null, null);
    List<Aggregator> aggregators = List.of(new UniformAggregator(new UniformAggregator.Spec(null, null)),
        new FitnessAggregator(fitness));
    try (DjlModelFunction djl = DjlModelFunction.load(Fixtures.tinyCnn())) {
      for (Aggregator aggregator : aggregators) {
        AttributionMethod method = new AttributionMethod("m", sampler, new StraightPath(),
            new RiemannStepRule(steps, RiemannStepRule.Variant.MIDPOINT), aggregator);
        RandomSource random = RandomSource.of(3);
        PassCounter together = new PassCounter(djl);
        List<Attribution> all = AttributionEngine.attributeTargets(together, method, input, targets, random,
            random.derive("baselines"), EngineOptions.batchSize(batch), null, null);
        PassCounter separate = new PassCounter(djl);
        for (int t = 0; t < targets.length; t++) {
          Attribution alone = AttributionEngine.attribute(separate, method, input, targets[t], random,
              random.derive("baselines"), EngineOptions.batchSize(batch));
          Attribution a = all.get(t);
          assertThat(a.target()).isEqualTo(targets[t]);
          assertThat(bits(a.values())).containsExactly(bits(alone.values()));
          assertThat(a.weights()).containsExactly(alone.weights());
          assertThat(a.fitness()).isEqualTo(alone.fitness());
          assertThat(a.gradientPoints()).isEqualTo(alone.gradientPoints());
          for (int k = 0; k < baselines.size(); k++) {
            assertThat(bits(a.baselineMap(k))).containsExactly(bits(alone.baselineMap(k)));
          }
        }
        // a straight path with at least a batch of nodes: each baseline batched on its own
        int batches = baselines.size() * ((steps + batch - 1) / batch);
        assertThat(together.gradientForwards).isEqualTo(batches);
        assertThat(together.backwards).isEqualTo((long) targets.length * batches);
        assertThat(separate.gradientForwards).isEqualTo((long) targets.length * batches);
        assertThat(separate.backwards).isEqualTo((long) targets.length * batches);
      }
    }
  }

  private static int[] bits(float[] v) {
    int[] b = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Float.floatToRawIntBits(v[i]);
    }
    return b;
  }

  /**
   * Counts the network's passes with gradients: {@link DjlModelFunction#scoresAndGradients} runs one
   * forward and one backward pass, {@link DjlModelFunction#scoresAndGradientsForEach} one forward
   * pass and one backward pass per class.
   */
  private static final class PassCounter implements ModelFunction {
    private final ModelFunction delegate;
    long gradientForwards;
    long backwards;

    PassCounter(ModelFunction delegate) {
      this.delegate = delegate;
    }

    @Override
    public Shape inputShape() {
      return delegate.inputShape();
    }

    @Override
    public int numClasses() {
      return delegate.numClasses();
    }

    @Override
    public float[][] outputs(List<float[]> points) {
      return delegate.outputs(points);
    }

    @Override
    public float[] scores(List<float[]> points, int[] targets) {
      return delegate.scores(points, targets);
    }

    @Override
    public ScoresAndGradients scoresAndGradients(List<float[]> points, int[] targets) {
      gradientForwards++;
      backwards++;
      return delegate.scoresAndGradients(points, targets);
    }

    @Override
    public List<ScoresAndGradients> scoresAndGradientsForEach(List<float[]> points, int[] classes) {
      gradientForwards++;
      backwards += classes.length;
      return delegate.scoresAndGradientsForEach(points, classes);
    }
  }
}
