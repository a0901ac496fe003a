package org.igkit.runner.config;

import java.util.List;
import java.util.Map;

/**
 * Reads one spec record from a YAML mapping: every unknown key and every value of the wrong type
 * is reported where it stands; then the record is bound with Jackson and a refusal of its compact
 * constructor ({@code "steps: must be ≥ 1, was 0"}) is reported at the value it names.
 */
final class SpecReader {

  private final ErrorSink errors;
  private final SpecBinder binder;

  SpecReader(ErrorSink errors, SpecBinder binder) {
    this.errors = errors;
    this.binder = binder;
  }

  /**
   * Returns the record built from {@code values}, or {@code null} when errors were reported.
   *
   * @param at           the place of the mapping (or of the plain id that stands for one)
   * @param values       the keys that belong to the spec, plain
   * @param extraAllowed other keys allowed beside the spec's, for the "allowed:" list
   * @param owner        what to call the plugin when it takes no parameters
   */
  <R extends Record> R read(
      Class<R> type, Located at, Map<String, Object> values, List<String> extraAllowed, String owner) {
    Coercion c = new Coercion();
    Map<String, Object> converted = c.record(type, values, List.of(), extraAllowed, owner);
    for (Coercion.Problem p : c.problems()) {
      Located place = at.at(p.at());
      if (p.key() != null) {
        errors.at(place.key(p.key()).anchor(), place.path(), p.message());
      } else {
        errors.value(place, p.message());
      }
    }
    if (!c.ok()) {
      return null;
    }
    try {
      return binder.bind(type, converted);
    } catch (SpecBinder.Refused r) {
      errors.value(at.at(r.at()), r.getMessage());
      return null;
    }
  }
}
