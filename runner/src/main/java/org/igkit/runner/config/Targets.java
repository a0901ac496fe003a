package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes an experiment explains ({@code target:}), as text: one item or several joined by
 * {@code ,}. An item is {@code predicted} (the model's argmax), {@code label} (the sample's label),
 * a class index ({@code 3}) or {@code top-k}, which stands for the k items {@code top-1} … {@code
 * top-k} (the highest, second-highest, … output; ties go to the lower class index).
 *
 * <p>With one item (the default {@code predicted}) cells are named as always. With several, every
 * cell is attributed once per item and named {@code <cell>@<item>} ({@code WG@top-2},
 * {@code EG[stepRule.steps=16]@label}); its seeds are those of the cell without the suffix, so each
 * target's numbers equal those of a run with that target alone. The class of every (sample, cell)
 * is its {@code diag.target} row.
 */
public final class Targets {

  /** The separator of a canonical text of several items. */
  public static final String SEPARATOR = ",";

  /** What separates a cell's name from its target item. */
  public static final char CELL_SUFFIX = '@';

  /** The most items (after {@code top-k} is expanded). */
  public static final int MAX = 1000;

  private Targets() {}

  /** Returns why {@code item} is not a target item, or null when it is one. */
  public static String problem(String item) {
    if (item.equals(Experiment.PREDICTED) || item.equals(Experiment.LABEL)) {
      return null;
    }
    if (item.matches("top-[0-9]{1,4}")) {
      int k = Integer.parseInt(item.substring(4));
      return k >= 1 && k <= MAX ? null : "top-k needs 1 ≤ k ≤ " + MAX + ", was '" + item + "'";
    }
    if (item.matches("[0-9]{1,9}")) {
      return null;
    }
    return "must be predicted, label, a class index (0, 1, …), top-k or a list of those, was '" + item + "'";
  }

  /**
   * Returns the items of a canonical text, {@code top-k} expanded and duplicates dropped, in order.
   *
   * @throws IllegalArgumentException naming the first bad item
   */
  public static List<String> items(String target) {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : target.split(SEPARATOR, -1)) {
      String item = raw.trim();
      String p = problem(item);
      if (p != null) {
        throw new IllegalArgumentException("target: " + p);
      }
      if (item.startsWith("top-")) {
        int k = Integer.parseInt(item.substring(4));
        for (int i = 1; i <= k; i++) {
          out.add("top-" + i);
        }
      } else {
        out.add(item);
      }
    }
    if (out.size() > MAX) {
      throw new IllegalArgumentException("target: at most " + MAX + " classes per sample, was " + out.size());
    }
    return List.copyOf(out);
  }

  /** Returns each cell once per item when there are several items, else the cells themselves. */
  public static List<Cell> expand(List<Cell> cells, String target) {
    List<String> items = items(target);
    if (items.size() == 1) {
      return cells;
    }
    List<Cell> out = new ArrayList<>(cells.size() * items.size());
    for (Cell c : cells) {
      for (String item : items) {
        out.add(new Cell(c.id() + CELL_SUFFIX + item, c.method(), c.gridValues(), c.config()));
      }
    }
    return out;
  }

  /** Returns the target item of {@code cell} under the experiment's {@code target} text. */
  public static String itemOf(Cell cell, String target) {
    List<String> items = items(target);
    if (items.size() == 1) {
      return items.get(0);
    }
    int at = cell.id().lastIndexOf(CELL_SUFFIX);
    if (at < 0) {
      throw new IllegalArgumentException("cell " + cell.id() + " has no target suffix under target: " + target);
    }
    return cell.id().substring(at + 1);
  }

  /** Returns the id the cell's seeds derive from: its id without a target suffix. */
  public static String seedId(Cell cell, String target) {
    if (items(target).size() == 1) {
      return cell.id();
    }
    return cell.id().substring(0, cell.id().lastIndexOf(CELL_SUFFIX));
  }
}
