package org.igkit.api.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.igkit.api.model.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlurredImagesTest {

  private static final Shape S = Shape.of(3, 12, 10);

  private static float[] image(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[S.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    return x;
  }

  @AfterEach
  void forget() {
    BlurredImages.clear();
  }

  @Test
  void answersEqualAFreshBlurAndAreCopies() {
    float[] x = image(1);
    float[] want = GaussianBlur.blur(x, S, 2, GaussianBlur.Padding.REFLECT);
    float[] first = Fill.BLUR.image(x, S, 2);
    first[0] = 99;
    float[] second = Fill.BLUR.image(x, S, 2);
    assertThat(second).isEqualTo(want).isNotSameAs(first);
    assertThat(Fill.BLUR.image(x.clone(), S, 2)).isEqualTo(want);
    assertThat(BlurredImages.size()).isEqualTo(1);
  }

  @Test
  void anInputChangedInPlaceOrAnotherSigmaIsBlurredAgain() {
    float[] x = image(2);
    Fill.BLUR.image(x, S, 2);
    assertThat(Fill.BLUR.image(x, S, 3)).isEqualTo(GaussianBlur.blur(x, S, 3, GaussianBlur.Padding.REFLECT));
    x[7] += 1;
    assertThat(Fill.BLUR.image(x, S, 2)).isEqualTo(GaussianBlur.blur(x, S, 2, GaussianBlur.Padding.REFLECT));
  }

  @Test
  void keepsAtMostItsEntries() {
    for (int i = 0; i < 3 * BlurredImages.ENTRIES; i++) {
      Fill.BLUR.image(image(100 + i), S, 2);
    }
    assertThat(BlurredImages.size()).isEqualTo(BlurredImages.ENTRIES);
  }

  @Test
  void threadsSharingTheCacheGetTheirOwnImagesBlur() throws Exception {
    List<float[]> images = new ArrayList<>();
    List<float[]> want = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      images.add(image(200 + i));
      want.add(GaussianBlur.blur(images.get(i), S, 1.5, GaussianBlur.Padding.REFLECT));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        done.add(pool.submit(() -> {
          for (int round = 0; round < 200; round++) {
            int i = (round * 5 + offset) % images.size();
            if (!java.util.Arrays.equals(Fill.BLUR.image(images.get(i), S, 1.5), want.get(i))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : done) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
