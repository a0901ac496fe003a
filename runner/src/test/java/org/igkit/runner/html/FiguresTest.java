package org.igkit.runner.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.igkit.api.model.Shape;
import org.igkit.runner.results.ResultRow;
import org.junit.jupiter.api.Test;

/** The figures' parts against values worked out by hand. */
class FiguresTest {

  @Test
  void twelveMethodsGetTwelveDistinctLineStylesAndTheFirstEightDistinctColours() {
    Set<String> styles = new HashSet<>();
    Set<String> colours = new HashSet<>();
    for (int i = 0; i < 32; i++) {
      styles.add(Palette.colour(i) + "/" + Palette.dash(i));
      if (i < 8) {
        colours.add(Palette.colour(i));
      }
    }
    assertThat(styles).hasSize(32);
    assertThat(colours).hasSize(8);
    assertThat(Palette.COLOURS).containsExactly("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
        "#000000"); // Okabe & Ito (2008)
  }

  @Test
  void theCurveBandIsTheMeanPlusMinusTTimesTheStandardError() {
    double[] x = {0, 0.5, 1};
    List<ResultRow> curves = List.of(
        new ResultRow("a", "c", "c", "deletion-auc", 0, x, new double[] {1, 0.4, 0}),
        new ResultRow("b", "c", "c", "deletion-auc", 0, x, new double[] {1, 0.6, 0.1}),
        new ResultRow("d", "c", "c", "deletion-auc", 0, x, new double[] {1, 0.8, 0.2}));
    Svg.Series s = HtmlReport.meanCurve("c", curves);
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).containsExactly(new double[] {1, 0.6, 0.1}, within(1e-12));
    // x = 0.5: s = 0.2, se = 0.2/√3, t(0.975, 2) = 4.302652729911275 (tables)
    double half = 4.302652729911275 * 0.2 / Math.sqrt(3);
    assertThat(s.lower()[1]).isCloseTo(0.6 - half, within(1e-9));
    assertThat(s.upper()[1]).isCloseTo(0.6 + half, within(1e-9));
    assertThat(s.lower()[0]).isCloseTo(1, within(1e-12)); // no spread, no band
  }

  @Test
  void theChartsYAxisStartsAtZeroEvenWhenTheDataDoNot() {
    double[] x = {0, 1};
    String svg = Svg.chart("t", "x", "y", List.of(new Svg.Series("m", x, new double[] {0.6, 0.3}, new double[] {0.55, 0.25},
        new double[] {0.65, 0.35}, 4)));
    // the lowest y tick sits at the bottom of the plot (y = 34 + 280) and reads 0; the top one 1
    assertThat(svg).contains("y=\"318.00\" text-anchor=\"end\">0</text>").contains("y=\"38.00\" text-anchor=\"end\">1</text>");
    assertThat(svg).contains("text-anchor=\"end\">0.2</text>");
    assertThat(Svg.round(0.37)).isEqualTo(0.5);
    assertThat(Svg.round(1.0)).isEqualTo(1.0);
    assertThat(Svg.round(3.2)).isEqualTo(5.0);
  }

  @Test
  void thumbnailsAreAtMostTwiceTheDisplaySizeWhateverTheImageSize() {
    assertThat(Images.fit(new int[32 * 32], 32, 32).getWidth()).isEqualTo(256); // 8× nearest neighbour
    assertThat(Images.fit(new int[224 * 224], 224, 224).getWidth()).isEqualTo(224); // as is
    assertThat(Images.fit(new int[600 * 300], 600, 300).getWidth()).isEqualTo(256);
    assertThat(Images.fit(new int[600 * 300], 600, 300).getHeight()).isEqualTo(128);
    // shrinking averages: a 512×512 checkerboard of black and white becomes mid-gray
    int[] board = new int[512 * 512];
    for (int i = 0; i < board.length; i++) {
      board[i] = ((i % 512) + (i / 512)) % 2 == 0 ? 0xFFFFFF : 0;
    }
    assertThat(Images.fit(board, 512, 512).getRGB(10, 10) & 0xFFFFFF).isEqualTo(0x808080);
  }

  @Test
  void signModesScaleAndColourAsDocumented() {
    Shape s = Shape.of(1, 1, 4);
    float[] map = {-2, -1, 1, 3};
    float[] x = {0, 0, 0, 0};
    // diverging and absolute: the 99th percentile (nearest rank below) of |A| = {1, 1, 2, 3} is index ⌊0.99·3⌋ = 2 → 2
    assertThat(Images.heatMap(map, x, s, "diverging").scale()).isEqualTo(2);
    assertThat(Images.heatMap(map, x, s, "absolute").scale()).isEqualTo(2);
    // positive: of the positive values {1, 3}: index ⌊0.99·1⌋ = 0 → 1
    Images.HeatMap pos = Images.heatMap(map, x, s, "positive");
    assertThat(pos.scale()).isEqualTo(1);
    // a negative value shows as 0 (the sequential map's near-white), mixed 35 % with black
    int white = ColourMaps.mix(ColourMaps.sequential(0), 0, 0.35);
    assertThat(pos.image().getRGB(0, 0) & 0xFFFFFF).isEqualTo(white);
    assertThat(Images.heatMap(map, x, s, "diverging").image().getRGB(0, 0) & 0xFFFFFF)
        .isEqualTo(ColourMaps.mix(ColourMaps.diverging(-1), 0, 0.35));
  }
}
