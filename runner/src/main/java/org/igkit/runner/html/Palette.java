package org.igkit.runner.html;

/**
 * Line styles for one curve per method, told apart without colour vision: the eight colours of
 * Okabe and Ito's colour-blind-safe palette ("Color Universal Design", 2008), black moved last,
 * combined with a dash pattern that changes every eight methods (solid, dashed, dotted,
 * dash-dot), so 32 methods get 32 distinct (colour, dash) pairs and no two of the first eight
 * share a colour.
 */
final class Palette {

  /** Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black. */
  static final String[] COLOURS = {
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"
  };

  /** SVG {@code stroke-dasharray} values, one per round of eight methods. */
  static final String[] DASHES = {"", "8 4", "2 3", "8 3 2 3"};

  private Palette() {}

  /** Returns the colour of the i-th series. */
  static String colour(int i) {
    return COLOURS[i % COLOURS.length];
  }

  /** Returns the dash pattern of the i-th series ("" for solid). */
  static String dash(int i) {
    return DASHES[(i / COLOURS.length) % DASHES.length];
  }
}
