package org.igkit.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.igkit.api.model.Shape;
import org.igkit.experiments.data.ShapesDataset.ObjectClass;
import org.igkit.experiments.data.ShapesDataset.Split;
import org.junit.jupiter.api.Test;

class ShapesDatasetTest {

  private final ShapesDataset data = new ShapesDataset(ShapesDataset.Spec.defaults(), 42);

  @Test
  void defaultsAre3x32x32() {
    assertThat(data.shape()).isEqualTo(Shape.of(3, 32, 32));
    assertThat(ShapesDataset.Spec.defaults()).isEqualTo(new ShapesDataset.Spec(3, 32, 32, 0.3, 0.6, 3, 0.3));
  }

  @Test
  void aSampleIsAFunctionOfSeedSplitAndIndexOnly() {
    ShapesSample a = data.sample(Split.TRAIN, 17);
    // another instance, after drawing other samples first
    var other = new ShapesDataset(ShapesDataset.Spec.defaults(), 42);
    other.samples(Split.TEST, 0, 5);
    other.sample(Split.TRAIN, 3);
    ShapesSample b = other.sample(Split.TRAIN, 17);
    assertThat(b.image()).containsExactly(a.image());
    assertThat(b.mask()).containsExactly(a.mask());
    assertThat(b.label()).isEqualTo(a.label());
    assertThat(b.box()).isEqualTo(a.box());
  }

  @Test
  void seedsAndSplitsGiveDifferentImages() {
    float[] train = data.sample(Split.TRAIN, 0).image();
    assertThat(data.sample(Split.TEST, 0).image()).isNotEqualTo(train);
    assertThat(new ShapesDataset(ShapesDataset.Spec.defaults(), 43).sample(Split.TRAIN, 0).image()).isNotEqualTo(train);
  }

  @Test
  void theMaskIsExactlyThePixelsInTheObjectColour() {
    for (ShapesSample s : data.samples(Split.TEST, 0, 200)) {
      int pixels = s.shape().pixels();
      int inMask = 0;
      for (int p = 0; p < pixels; p++) {
        boolean colourMatches = true;
        for (int c = 0; c < s.shape().channels(); c++) {
          colourMatches &= s.image()[c * pixels + p] == s.colour()[c];
        }
        assertThat(s.mask()[p]).as("%s pixel %d", s.id(), p).isIn(0f, 1f);
        assertThat(colourMatches).as("%s pixel %d", s.id(), p).isEqualTo(s.mask()[p] == 1);
        inMask += (int) s.mask()[p];
      }
      assertThat(inMask).as(s.id()).isGreaterThanOrEqualTo(9);
    }
  }

  @Test
  void theBoxIsTheTightestBoxAroundTheMask() {
    for (ShapesSample s : data.samples(Split.TRAIN, 0, 100)) {
      int w = s.shape().width();
      BoundingBox b = s.box();
      boolean top = false;
      boolean bottom = false;
      boolean left = false;
      boolean right = false;
      for (int y = 0; y < s.shape().height(); y++) {
        for (int x = 0; x < w; x++) {
          if (s.mask()[y * w + x] == 1) {
            assertThat(b.contains(x, y)).isTrue();
            top |= y == b.y0();
            bottom |= y == b.y1() - 1;
            left |= x == b.x0();
            right |= x == b.x1() - 1;
          }
        }
      }
      assertThat(top && bottom && left && right).as(s.id()).isTrue();
    }
  }

  @Test
  void valuesLieInTheUnitInterval() {
    for (ShapesSample s : data.samples(Split.TRAIN, 0, 50)) {
      for (float v : s.image()) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void classesAreExactlyBalancedInEveryBlockOfFour() {
    int[] counts = new int[4];
    for (Split split : Split.values()) {
      for (int block = 0; block < 100; block++) {
        boolean[] seen = new boolean[4];
        for (int i = 0; i < 4; i++) {
          int label = data.label(split, block * 4L + i);
          seen[label] = true;
          counts[label]++;
        }
        assertThat(seen).containsOnly(true);
      }
    }
    assertThat(counts).containsOnly(200);
    // not simply periodic: the first eight blocks do not all share one order
    List<Integer> labels = data.samples(Split.TRAIN, 0, 32).stream().map(ShapesSample::label).toList();
    assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(b -> labels.subList(4 * b, 4 * b + 4)).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void shapesHaveTheirGeometry() {
    for (ShapesSample s : data.samples(Split.TRAIN, 0, 80)) {
      int w = s.shape().width();
      BoundingBox b = s.box();
      int area = 0;
      for (float m : s.mask()) {
        area += (int) m;
      }
      int boxArea = b.width() * b.height();
      boolean topRowFull = true;
      boolean bottomRowFull = true;
      for (int x = b.x0(); x < b.x1(); x++) {
        topRowFull &= s.mask()[b.y0() * w + x] == 1;
        bottomRowFull &= s.mask()[(b.y1() - 1) * w + x] == 1;
      }
      boolean centreIn = s.mask()[((b.y0() + b.y1()) / 2) * w + (b.x0() + b.x1()) / 2] == 1;
      switch (s.objectClass()) {
        case SQUARE -> assertThat(area).as(s.id()).isEqualTo(boxArea);
        case DISK -> assertThat((double) area / boxArea).as(s.id()).isBetween(0.6, 0.9);
        case TRIANGLE -> assertThat(!topRowFull && bottomRowFull).as(s.id()).isTrue();
        case PLUS -> {
          assertThat((double) area / boxArea).as(s.id()).isBetween(0.3, 0.7);
          assertThat(s.mask()[b.y0() * w + b.x0()]).as(s.id()).isZero();
        }
      }
      assertThat(centreIn).as(s.id()).isTrue();
    }
  }

  @Test
  void smallGrayscaleImagesWork() {
    var small = new ShapesDataset(new ShapesDataset.Spec(1, 8, 8, null, null, 1, null), 7);
    ShapesSample s = small.sample(Split.TEST, 3);
    assertThat(s.image()).hasSize(64);
    assertThat(s.mask()).contains(1f);
    assertThat(s.objectClass()).isIn((Object[]) ObjectClass.values());
    assertThat(s.id()).isEqualTo("test-0003");
  }

  @Test
  void specValidation() {
    assertThatThrownBy(() -> new ShapesDataset.Spec(null, 4, null, null, null, null, null))
        .hasMessage("height: must be ≥ 8, was 4");
    assertThatThrownBy(() -> new ShapesDataset.Spec(null, null, null, 0.5, 0.4, null, null))
        .hasMessage("maxScale: must be in [0.5, 0.9], was 0.4");
    assertThatThrownBy(() -> data.sample(Split.TRAIN, -1)).hasMessage("index: must be ≥ 0, was -1");
  }
}
