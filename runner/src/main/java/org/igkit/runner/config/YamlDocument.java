package org.igkit.runner.config;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * The YAML layer: composes text into SnakeYAML's node tree, whose nodes know their line and
 * column, turns nodes into plain values and finds duplicate keys. Scalars follow YAML 1.1's
 * resolution except that only {@code true}/{@code false} are booleans ({@code yes}, {@code on}
 * stay strings) and integers are decimal.
 */
final class YamlDocument {

  private static final int MAX_DEPTH = 64;

  /**
   * The most nodes a document may expand to once aliases are followed: far above any experiment,
   * far below what an alias bomb ("billion laughs") needs to hurt.
   */
  static final long MAX_EXPANDED_NODES = 100_000;

  /** The most aliases to lists or mappings SnakeYAML composes. */
  private static final int MAX_ALIASES = 1000;

  /** How SnakeYAML's default TagInspector starts its refusal of a non-core global tag. */
  private static final String GLOBAL_TAG = "Global tag is not allowed:";

  /** The largest document read, in code points (SnakeYAML's own default is 3 MB). */
  private static final int MAX_CODE_POINTS = 1 << 20;

  /**
   * The only tags a node may carry: YAML's core types, explicit ({@code !!str}) or implicit. Any
   * other tag — {@code !!java.lang.ProcessBuilder}, {@code !custom} — is an error: the document is
   * only composed into nodes, never constructed into objects, and a tag would otherwise be
   * silently ignored.
   */
  private static final java.util.Set<Tag> CORE_TAGS = java.util.Set.of(
      Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP, Tag.TIMESTAMP, Tag.MERGE);

  private YamlDocument() {}

  /**
   * Returns the document's root node, or {@code null} when it holds no document (empty, or only
   * comments).
   *
   * @throws ConfigException for a syntax error, located where the parser stopped
   */
  static Node compose(String text, String file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by duplicateKeys, with both places
    // Composing an alias costs nothing (it is the same node); what an alias bomb costs is its
    // expansion, which checkSafe measures and refuses with a place. SnakeYAML's own count stays
    // as a second, unlocated guard far above any experiment.
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setProcessComments(false);
    try {
      // compose only: nodes, never objects (no constructor runs, so no tag can build anything)
      Node root = new Yaml(options).compose(new StringReader(text));
      if (root != null) {
        checkSafe(root, file);
      }
      return root;
    } catch (MarkedYAMLException e) {
      Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() == null ? "" : e.getProblem();
      if (problem.startsWith(GLOBAL_TAG)) {
        // SnakeYAML's TagInspector refuses the tag while composing; say it as checkSafe does
        throw new ConfigException(List.of(located(file, at,
            tagMessage(new Tag(problem.substring(GLOBAL_TAG.length()).strip())))));
      }
      StringBuilder message = new StringBuilder("YAML syntax error: ").append(oneLine(e.getProblem()));
      Mark context = e.getContextMark();
      String hint = hint(e.getContext(), e.getProblem());
      if (e.getContext() != null && context != null && context != at) {
        message.append(" (").append(oneLine(e.getContext())).append(" at ")
            .append(context.getLine() + 1).append(':').append(context.getColumn() + 1)
            .append(hint.isEmpty() ? "" : "; " + hint).append(')');
      } else if (!hint.isEmpty()) {
        message.append(" (").append(hint).append(')');
      }
      throw new ConfigException(List.of(new ConfigError(
          file, at == null ? 0 : at.getLine() + 1, at == null ? 0 : at.getColumn() + 1, "", message.toString())));
    } catch (ReaderException e) {
      throw new ConfigException(List.of(controlCharacter(text, file, e)));
    } catch (YAMLException e) {
      String m = oneLine(e.getMessage());
      if (m.startsWith("Nesting Depth exceeded")) {
        throw new ConfigException(List.of(tooDeep(text, file, options)));
      }
      if (m.startsWith("Number of aliases")) {
        m = "more than " + MAX_ALIASES + " aliases (*name) to lists or mappings; an experiment needs far fewer";
      }
      throw new ConfigException(List.of(new ConfigError(file, 0, 0, "", "YAML error: " + m)));
    }
  }

  /** Locates a character the YAML reader refuses (a control byte) and names it. */
  private static ConfigError controlCharacter(String text, String file, ReaderException e) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (int i = 0; i < e.getPosition() && offset < text.length(); i++) {
      int cp = text.codePointAt(offset);
      offset += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    String name = String.format(Locale.ROOT, "U+%04X", e.getCodePoint());
    return new ConfigError(file, line, column, "", "the control character " + name + " is not allowed in YAML text"
        + " (only tabs, line breaks and printable characters are); remove it, or write it escaped inside double quotes"
        + " (\"\\x" + String.format(Locale.ROOT, "%02x", e.getCodePoint() & 0xFF) + "\")");
  }

  /**
   * Locates where the document first nests deeper than {@value #MAX_DEPTH} lists and mappings,
   * reading its events (the parser keeps no depth limit of its own; the composer that stopped
   * has no place to give).
   */
  private static ConfigError tooDeep(String text, String file, LoaderOptions options) {
    Mark at = null;
    int depth = 0;
    try {
      for (Event event : new Yaml(options).parse(new StringReader(text))) {
        if (event instanceof CollectionStartEvent) {
          if (++depth > MAX_DEPTH) {
            at = event.getStartMark();
            break;
          }
        } else if (event instanceof CollectionEndEvent) {
          depth--;
        }
      }
    } catch (YAMLException e) {
      // the composer read this far without a syntax error; a place stays unknown only if not
    }
    return located(file, at, "lists and mappings nest deeper than " + MAX_DEPTH + " levels here; an experiment needs"
        + " fewer than ten — is a bracket ([ or {) left open or repeated?");
  }

  /**
   * Rejects what {@link #plain} must never meet: tags other than YAML's core ones, aliases that
   * refer to a node containing themselves, and alias expansion beyond {@link #MAX_EXPANDED_NODES}
   * nodes or {@value #MAX_DEPTH} levels. Linear in the composed (unexpanded) tree: sizes are
   * memoised per node, so an alias bomb is measured without being expanded.
   */
  private static void checkSafe(Node root, String file) {
    List<ConfigError> found = new ArrayList<>();
    java.util.IdentityHashMap<Node, long[]> measured = new java.util.IdentityHashMap<>();
    long[] size = measure(root, file, found, measured, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    if (found.isEmpty() && size[0] > MAX_EXPANDED_NODES) {
      found.add(located(file, root.getStartMark(), "document expands to more than " + MAX_EXPANDED_NODES
          + " nodes through its aliases (*name); an experiment needs far fewer — remove the repeated aliases"));
    } else if (found.isEmpty() && size[1] > MAX_DEPTH) {
      found.add(located(file, root.getStartMark(), "nested deeper than " + MAX_DEPTH + " levels once aliases are expanded"));
    }
    if (!found.isEmpty()) {
      throw new ConfigException(found);
    }
  }

  /** Returns {expanded node count, expanded depth} of {@code node}, saturating; reports bad tags and cycles. */
  private static long[] measure(Node node, String file, List<ConfigError> found,
      java.util.IdentityHashMap<Node, long[]> measured, java.util.Set<Node> open) {
    long[] known = measured.get(node);
    if (known != null) {
      return known;
    }
    if (!open.add(node)) {
      if (found.size() < 20) {
        found.add(located(file, node.getStartMark(), "an alias (*name) refers to a node that contains it; recursive YAML is not allowed"));
      }
      return new long[] {MAX_EXPANDED_NODES + 1, MAX_DEPTH + 1};
    }
    Tag tag = node.getTag();
    if (!CORE_TAGS.contains(tag) && found.size() < 20) {
      found.add(located(file, node.getStartMark(), tagMessage(tag)));
    }
    long count = 1;
    long depth = 0;
    List<Node> children = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      children.addAll(seq.getValue());
    } else if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        children.add(t.getKeyNode());
        children.add(t.getValueNode());
      }
    }
    for (Node child : children) {
      long[] c = measure(child, file, found, measured, open);
      count = Math.min(count + c[0], MAX_EXPANDED_NODES + 1);
      depth = Math.max(depth, c[1]);
    }
    open.remove(node);
    long[] result = {count, Math.min(depth + 1, MAX_DEPTH + 1)};
    measured.put(node, result);
    return result;
  }

  private static String tagMessage(Tag tag) {
    return "YAML tag '" + shortTag(tag) + "' is not allowed: igkit reads plain values only and builds objects from "
        + "plugin ids (type: …), never from tags or class names; remove the tag";
  }

  private static String shortTag(Tag tag) {
    String v = tag.getValue();
    return v.startsWith(Tag.PREFIX) ? "!!" + v.substring(Tag.PREFIX.length()) : v;
  }

  private static ConfigError located(String file, Mark mark, String message) {
    return new ConfigError(file, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, "", message);
  }

  /** Returns whether {@code node} is absent or an empty/null scalar. */
  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
  }

  /** Returns the text of a mapping key (non-scalar keys are rendered as their plain value). */
  static String keyText(Node key) {
    return key instanceof ScalarNode s ? s.getValue() : String.valueOf(plain(key));
  }

  /**
   * Returns the plain value of a node: {@code null}, {@link String}, {@link Integer}, {@link Long},
   * {@link BigInteger}, {@link Double}, {@link Boolean}, {@link List} or {@link LinkedHashMap}
   * (the last of duplicate keys wins).
   *
   * @throws IllegalArgumentException for nesting deeper than 64 levels (a recursive alias)
   */
  static Object plain(Node node) {
    return plain(node, 0);
  }

  private static Object plain(Node node, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels (a recursive alias?)");
    }
    if (node instanceof ScalarNode s) {
      return scalar(s);
    }
    if (node instanceof SequenceNode seq) {
      List<Object> out = new ArrayList<>();
      for (Node item : seq.getValue()) {
        out.add(plain(item, depth + 1));
      }
      return out;
    }
    if (node instanceof MappingNode map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        out.put(keyText(t.getKeyNode()), plain(t.getValueNode(), depth + 1));
      }
      return out;
    }
    return null;
  }

  private static Object scalar(ScalarNode s) {
    String text = s.getValue();
    Tag tag = s.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      String t = text.toLowerCase(Locale.ROOT);
      return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : text;
    }
    if (tag.equals(Tag.INT)) {
      String t = text.replace("_", "");
      if (t.matches("[-+]?[0-9]+")) {
        BigInteger n = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        if (n.bitLength() < 32) {
          return n.intValue();
        }
        return n.bitLength() < 64 ? (Object) n.longValue() : n;
      }
      return text;
    }
    if (tag.equals(Tag.FLOAT)) {
      String t = text.replace("_", "").toLowerCase(Locale.ROOT);
      if (t.endsWith(".inf")) {
        return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      if (t.equals(".nan")) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return text;
  }

  /** Reports every key that appears twice in one mapping, at the second occurrence. */
  static void duplicateKeys(Located at, ErrorSink errors) {
    duplicateKeys(at, errors, 0);
  }

  private static void duplicateKeys(Located at, ErrorSink errors, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (at.node() instanceof MappingNode map) {
      Map<String, Node> seen = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        String key = keyText(t.getKeyNode());
        Node first = seen.putIfAbsent(key, t.getKeyNode());
        if (first != null) {
          errors.at(t.getKeyNode().getStartMark(), at.path(),
              "duplicate key '" + key + "' (first at line " + (first.getStartMark().getLine() + 1) + "); keep one");
        }
      }
      for (NodeTuple t : map.getValue()) {
        duplicateKeys(at.child(t), errors, depth + 1);
      }
    } else if (at.node() instanceof SequenceNode) {
      for (Located item : at.items()) {
        duplicateKeys(item, errors, depth + 1);
      }
    }
  }

  /** Returns advice for the syntax errors people make most, or the empty string. */
  private static String hint(String context, String problem) {
    String c = context == null ? "" : context;
    String p = problem == null ? "" : problem;
    if (c.contains("flow sequence")) {
      return "is a ']' missing?";
    }
    if (c.contains("flow mapping")) {
      return "is a '}' missing?";
    }
    if (c.contains("quoted scalar")) {
      return "is a closing quote missing?";
    }
    if (p.contains("mapping values are not allowed")) {
      return "check this line's indentation, or quote a value that holds ': '";
    }
    return "";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\n\\s*", " ").trim();
  }
}
