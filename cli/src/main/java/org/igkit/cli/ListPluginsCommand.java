package org.igkit.cli;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.api.plugin.PluginType;
import org.igkit.api.plugin.Plugins;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Prints every registered plugin: role, id, description, capabilities, model calls (where the
 * plugin declares them) and default parameters.
 */
@Command(name = "list-plugins", mixinStandardHelpOptions = true,
    description = "List every plugin on the class path with its parameters and their defaults.")
final class ListPluginsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PluginRegistry registry = PluginLoader.registry();
    var out = spec.commandLine().getOut();
    for (Class<?> spi : Plugins.SPIS) {
      out.println(PluginRegistry.roleOf(spi) + ":");
      for (PluginType<?> t : registry.plugins(spi).values()) {
        out.printf("  %-16s %s%n", t.id(), t.description());
        if (!t.capabilities().isEmpty()) {
          out.println("  " + " ".repeat(17) + "capabilities: " + String.join(", ", t.capabilities().stream().map(Capability::name).sorted().toList()));
        }
        t.modelCalls().ifPresent(calls -> out.println("  " + " ".repeat(17) + "model calls: " + calls));
        String params = parameters(t);
        if (!params.isEmpty()) {
          out.println("  " + " ".repeat(17) + "parameters: " + params);
        }
      }
    }
    return 0;
  }

  /**
   * {@code name=default} for each spec component, {@code name (optional)} where it is unset by
   * default, {@code name (required)} where it must be given.
   */
  static String parameters(PluginType<?> t) {
    Record defaults;
    String missing = null;
    try {
      defaults = t.defaultSpec();
    } catch (IllegalStateException e) {
      defaults = null;
      missing = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
    }
    List<String> parts = new ArrayList<>();
    if (defaults == null) {
      for (RecordComponent rc : t.specClass().getRecordComponents()) {
        parts.add(rc.getName() + (missing != null && missing.startsWith(rc.getName() + ":") ? " (required)" : ""));
      }
    } else {
      flatten("", defaults, parts);
    }
    return String.join(", ", parts);
  }

  /** Adds {@code prefix.name=value} for each component, descending into nested spec records. */
  private static void flatten(String prefix, Record spec, List<String> parts) {
    for (RecordComponent rc : spec.getClass().getRecordComponents()) {
      Object v;
      try {
        v = rc.getAccessor().invoke(spec);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (v instanceof Record nested) {
        flatten(prefix + rc.getName() + ".", nested, parts);
      } else if (v == null) {
        parts.add(prefix + rc.getName() + " (optional)"); // unset by default: the plugin's own fallback
      } else {
        parts.add(prefix + rc.getName() + "=" + v);
      }
    }
  }
}
