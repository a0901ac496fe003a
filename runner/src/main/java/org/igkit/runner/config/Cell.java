package org.igkit.runner.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One method with one combination of grid values: the unit a run computes per sample.
 *
 * @param id         {@code WG} when no grid key applies to the method, else the method name with
 *                   the applied keys and values, {@code WG[stepRule.steps=16,fitness.alpha=0.3]}
 *                   (grid order; characters other than letters, digits and {@code ._+-} in values
 *                   become {@code _})
 * @param method     the method's name
 * @param gridValues the grid keys that apply to the method and their values here, in grid order
 * @param config     the method with those values applied to its specs
 */
public record Cell(String id, String method, Map<String, Object> gridValues, MethodConfig config) {

  /** Checks the components and copies the values, keeping their order. */
  public Cell {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(config, "config");
    gridValues = Collections.unmodifiableMap(new LinkedHashMap<>(gridValues));
  }
}
