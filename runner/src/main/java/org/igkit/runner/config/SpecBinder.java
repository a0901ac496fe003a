package org.igkit.runner.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds spec records from maps of already type-checked values with Jackson, so the record's
 * compact constructor fills defaults and validates. A refusal names where below the spec it
 * happened: {@code "steps: must be ≥ 1, was 0"} thrown by a nested spec's constructor becomes the
 * path {@code [fitness, steps]} and the message {@code "must be ≥ 1, was 0"}.
 */
final class SpecBinder {

  /** {@code field: message} or {@code field[i]: message}, as {@link org.igkit.api.spec.Checks} writes. */
  private static final Pattern FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((?:\\[\\d+\\])*): (.*)", Pattern.DOTALL);

  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  /** A spec the constructor (or Jackson) refused: where below the spec, and why. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Object> at;

    Refused(List<Object> at, String message) {
      super(message);
      this.at = List.copyOf(at);
    }

    /** Returns the path below the spec: component names and list indices. */
    List<Object> at() {
      return at;
    }
  }

  /** Builds a {@code type} from {@code values} (component name → value; absent means default). */
  <R extends Record> R bind(Class<R> type, Map<String, ?> values) throws Refused {
    try {
      JsonNode tree = mapper.valueToTree(values);
      return mapper.readerFor(type).readValue(tree);
    } catch (JsonMappingException e) {
      List<Object> at = new ArrayList<>();
      for (JsonMappingException.Reference r : e.getPath()) {
        at.add(r.getFieldName() != null ? r.getFieldName() : r.getIndex());
      }
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root instanceof IllegalArgumentException && root.getMessage() != null) {
        throw refusal(type, at, root.getMessage());
      }
      throw new Refused(at, e.getOriginalMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new Refused(List.of(), String.valueOf(e.getMessage()));
    }
  }

  /** Splits {@code "field[i]: message"} into a path and a message when {@code field} is a component there. */
  static Refused refusal(Class<?> type, List<Object> at, String message) {
    Matcher m = FIELD.matcher(message);
    if (m.matches()) {
      Type owner = SpecMaps.typeAt(type, at);
      if (SpecMaps.component(SpecMaps.raw(owner), m.group(1)) != null) {
        List<Object> path = new ArrayList<>(at);
        path.add(m.group(1));
        Matcher i = INDEX.matcher(m.group(2));
        while (i.find()) {
          path.add(Integer.parseInt(i.group(1)));
        }
        return new Refused(path, m.group(3));
      }
    }
    return new Refused(at, message);
  }
}
