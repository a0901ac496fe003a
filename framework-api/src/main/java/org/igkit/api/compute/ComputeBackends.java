package org.igkit.api.compute;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Chooses the process's {@link ComputeBackend} once, on first use, as DJL chooses its engine.
 *
 * <p>TornadoVM ({@code org.igkit.tornado.TornadoComputeBackend}, from the optional
 * {@code compute-tornado} module) is used only when its runtime is really there: the JVM was
 * started with TornadoVM's flags (the system property {@value #TORNADO_RUNTIME_PROPERTY} is set),
 * the class loads, and its constructor finds a device. Anything else — including any error while
 * trying — gives {@link JavaComputeBackend}, and one log line says why. The system property
 * {@value #PROPERTY} (or the environment variable {@value #ENV}) set to {@code java} forces plain
 * Java; {@code tornado} asks for TornadoVM and logs a failure to get it as a warning; {@code auto}
 * is the default.
 */
public final class ComputeBackends {

  /** System property choosing the backend: {@code auto}, {@code java} or {@code tornado}. */
  public static final String PROPERTY = "igkit.compute";

  /** Environment variable read when {@value #PROPERTY} is not set. */
  public static final String ENV = "IGKIT_COMPUTE";

  /** The property TornadoVM's launcher sets; without it the TornadoVM API cannot start. */
  public static final String TORNADO_RUNTIME_PROPERTY = "tornado.load.runtime.implementation";

  /** The TornadoVM backend's class, in the {@code compute-tornado} module. */
  public static final String TORNADO_BACKEND = "org.igkit.tornado.TornadoComputeBackend";

  private static final System.Logger LOG = System.getLogger(ComputeBackends.class.getName());

  private ComputeBackends() {}

  /**
   * The chosen backend and why.
   *
   * @param backend the backend
   * @param reason  one line: why this backend (and, for a fallback, what was missing)
   */
  public record Choice(ComputeBackend backend, String reason) {}

  /** Returns the process's backend, choosing it on the first call. */
  public static ComputeBackend get() {
    return Chosen.CHOICE.backend();
  }

  /** Returns the process's backend together with the reason it was chosen. */
  public static Choice choice() {
    return Chosen.CHOICE;
  }

  private static final class Chosen {
    static final Choice CHOICE = chooseAndLog();
  }

  private static Choice chooseAndLog() {
    String mode;
    try {
      mode = mode(System::getProperty, System.getenv(ENV));
    } catch (IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "compute backend: java ({0})", e.getMessage());
      return new Choice(new JavaComputeBackend(), e.getMessage());
    }
    Choice c = choose(mode, System::getProperty, TORNADO_BACKEND, ComputeBackends.class.getClassLoader());
    boolean fellBack = c.backend().getClass() == JavaComputeBackend.class && !mode.equals("java");
    boolean tried = mode.equals("tornado") || System.getProperty(TORNADO_RUNTIME_PROPERTY) != null;
    System.Logger.Level level = !fellBack ? System.Logger.Level.INFO
        : tried ? System.Logger.Level.WARNING
        : System.Logger.Level.DEBUG;
    LOG.log(level, "compute backend: {0} ({1})", c.backend().name(), c.reason());
    return c;
  }

  /**
   * Returns the requested mode, lower case: the system property {@value #PROPERTY}, else the
   * environment value, else {@code auto}.
   *
   * @throws IllegalArgumentException for a value other than auto, java and tornado
   */
  static String mode(UnaryOperator<String> properties, String env) {
    String v = properties.apply(PROPERTY);
    String from = "-D" + PROPERTY;
    if (v == null || v.isBlank()) {
      v = env;
      from = ENV;
    }
    if (v == null || v.isBlank()) {
      return "auto";
    }
    String mode = v.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("java") && !mode.equals("tornado")) {
      throw new IllegalArgumentException(
          from + ": must be auto, java or tornado, was '" + v + "'; unset it to let igkit choose");
    }
    return mode;
  }

  /**
   * Chooses a backend without side effects.
   *
   * @param mode        auto, java or tornado
   * @param properties  the system properties to read
   * @param tornadoName the TornadoVM backend's class name
   * @param loader      the class loader to load it with
   */
  static Choice choose(String mode, UnaryOperator<String> properties, String tornadoName, ClassLoader loader) {
    if (mode.equals("java")) {
      return new Choice(new JavaComputeBackend(), PROPERTY + "=java");
    }
    if (properties.apply(TORNADO_RUNTIME_PROPERTY) == null) {
      return new Choice(new JavaComputeBackend(),
          "TornadoVM runtime not loaded: " + TORNADO_RUNTIME_PROPERTY + " is not set (start java with TornadoVM's flags)");
    }
    try {
      Class<?> type = Class.forName(tornadoName, true, loader);
      Object backend = type.getConstructor().newInstance();
      if (!(backend instanceof ComputeBackend b)) {
        return new Choice(new JavaComputeBackend(), tornadoName + " is not a ComputeBackend");
      }
      return new Choice(b, "TornadoVM runtime loaded");
    } catch (ClassNotFoundException e) {
      return new Choice(new JavaComputeBackend(),
          "TornadoVM runtime loaded but " + tornadoName + " is not on the class path (add igkit-compute-tornado)");
    } catch (Exception | LinkageError t) { // any failure of an optional accelerator falls back to plain Java
      Throwable cause = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      return new Choice(new JavaComputeBackend(), "TornadoVM backend failed to start: " + cause);
    }
  }
}
