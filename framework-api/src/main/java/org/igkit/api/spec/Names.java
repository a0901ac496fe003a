package org.igkit.api.spec;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean" suggestions for misspelt plugin ids, options and keys. */
public final class Names {

  private Names() {}

  /**
   * Returns {@code ", did you mean 'x'?"} for the closest candidate within a small edit distance
   * (or one that the given text begins), or the empty string when none is close.
   */
  public static String didYouMean(String given, Collection<String> candidates) {
    if (given == null) {
      return "";
    }
    return candidates.stream()
        .min(Comparator.comparingInt((String c) -> distance(given, c)).thenComparing(c -> c))
        .filter(c -> distance(given, c) <= Math.max(2, (c.length() + 2) / 3) || isPrefix(given, c))
        .map(c -> ", did you mean '" + c + "'?")
        .orElse("");
  }

  /** Whether {@code given} (at least 3 characters) starts {@code candidate}, ignoring case. */
  private static boolean isPrefix(String given, String candidate) {
    return given.length() >= 3 && candidate.toLowerCase(java.util.Locale.ROOT).startsWith(given.toLowerCase(java.util.Locale.ROOT));
  }

  /** Levenshtein distance between two strings, case-insensitive. */
  public static int distance(String a, String b) {
    a = a.toLowerCase(java.util.Locale.ROOT);
    b = b.toLowerCase(java.util.Locale.ROOT);
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
