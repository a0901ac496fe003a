package org.igkit.runner.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A place in the YAML tree: the node there (or {@code null} when the key is absent), the anchor
 * errors about a missing or unknown key point at (the key's own position, or the nearest present
 * ancestor's), and the YAML path ({@code methods[1].aggregator}).
 *
 * @param node   the node, or {@code null}
 * @param anchor where the key of this place is (or would be)
 * @param path   the YAML path
 */
record Located(Node node, Mark anchor, String path) {

  /** Returns the document root. */
  static Located root(Node node) {
    return new Located(node, node.getStartMark(), "");
  }

  /** Returns whether a non-null value is here. */
  boolean present() {
    return !YamlDocument.isNull(node);
  }

  /** Returns where errors about this value point: the value, or its key when the value is empty. */
  Mark mark() {
    return present() ? node.getStartMark() : anchor;
  }

  /** Returns whether the value is a mapping. */
  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** Returns whether the value is a list. */
  boolean isList() {
    return node instanceof SequenceNode;
  }

  /** Returns the plain value here ({@link YamlDocument#plain}). */
  Object plain() {
    return present() ? YamlDocument.plain(node) : null;
  }

  /** Returns the value of {@code key} in this mapping (the last one if repeated); absent if none. */
  Located key(String key) {
    if (node instanceof MappingNode map) {
      NodeTuple found = null;
      for (NodeTuple t : map.getValue()) {
        if (YamlDocument.keyText(t.getKeyNode()).equals(key)) {
          found = t;
        }
      }
      if (found != null) {
        return child(found);
      }
    }
    return new Located(null, anchor, join(path, key));
  }

  /** Returns the place of one entry of this mapping. */
  Located child(NodeTuple t) {
    return new Located(t.getValueNode(), t.getKeyNode().getStartMark(), join(path, YamlDocument.keyText(t.getKeyNode())));
  }

  /** Returns the entries of this mapping, in order ({@code []} if not a mapping). */
  List<NodeTuple> entries() {
    return node instanceof MappingNode map ? map.getValue() : List.of();
  }

  /** Returns item {@code i} of this list; absent if there is none. */
  Located item(int i) {
    if (node instanceof SequenceNode seq && i < seq.getValue().size()) {
      Node n = seq.getValue().get(i);
      return new Located(n, n.getStartMark(), path + "[" + i + "]");
    }
    return new Located(null, anchor, path + "[" + i + "]");
  }

  /** Returns the items of this list ({@code []} if not a list). */
  List<Located> items() {
    List<Located> out = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        out.add(item(i));
      }
    }
    return out;
  }

  /**
   * Returns the place at {@code steps} below this one (names into mappings, indices into lists; an
   * index into a single value that stands for a one-element list stays on that value).
   */
  Located at(List<Object> steps) {
    Located cur = this;
    for (Object step : steps) {
      if (step instanceof Integer i) {
        cur = cur.isList() || !cur.present() || i > 0 ? cur.item(i) : new Located(cur.node, cur.anchor, cur.path + "[0]");
      } else {
        cur = cur.key((String) step);
      }
    }
    return cur;
  }

  /** Returns {@code parent.key}, or {@code key} at the root. */
  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  /** Returns the YAML path of {@code steps} below {@code parent}. */
  static String join(String parent, List<Object> steps) {
    StringBuilder b = new StringBuilder(parent);
    for (Object s : steps) {
      if (s instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        b.append(b.length() == 0 ? "" : ".").append(s);
      }
    }
    return b.toString();
  }
}
