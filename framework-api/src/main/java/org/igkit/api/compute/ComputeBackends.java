package org.igkit.api.compute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Chooses the process's {@link ComputeBackend} once, on first use, as DJL chooses its engine: the
 * {@link ComputeBackendProvider}s on the class path are found with {@link ServiceLoader} and, under
 * {@code auto}, the highest-ranked one whose backend starts is used.
 *
 * <p>TornadoVM (the optional {@code compute-tornado} module's provider, {@code tornado}) is available
 * only when its runtime is really there: the JVM was started with TornadoVM's flags (the system
 * property {@value #TORNADO_RUNTIME_PROPERTY} is set), its classes load, and it finds a device.
 * Anything else — including any error while trying — gives {@link JavaComputeBackend}, and one log
 * line says why. The system property {@value #PROPERTY} (or the environment variable {@value #ENV})
 * set to a provider's name asks for that backend ({@code java} forces plain Java; {@code tornado}
 * asks for TornadoVM and logs a failure to get it as a warning); {@code auto} is the default. A
 * name no provider has is an error that lists the names there are; the process then runs on plain
 * Java with that error as a warning.
 */
public final class ComputeBackends {

  /** System property choosing the backend: {@code auto} or a provider's name, such as {@code java}. */
  public static final String PROPERTY = "igkit.compute";

  /** Environment variable read when {@value #PROPERTY} is not set. */
  public static final String ENV = "IGKIT_COMPUTE";

  /** The property TornadoVM's launcher sets; without it the TornadoVM API cannot start. */
  public static final String TORNADO_RUNTIME_PROPERTY = "tornado.load.runtime.implementation";

  /** The value of {@value #PROPERTY} that lets the chooser rank the providers. */
  static final String AUTO = "auto";

  /** igkit's optional backends, by name, and the module that adds each. */
  static final Map<String, String> OPTIONAL_MODULES = Map.of("tornado", "igkit-compute-tornado");

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private static final System.Logger LOG = System.getLogger(ComputeBackends.class.getName());

  private ComputeBackends() {}

  /**
   * The chosen backend and why.
   *
   * @param backend the backend
   * @param reason  one line: why this backend (and, for a fallback, what was missing)
   */
  public record Choice(ComputeBackend backend, String reason) {}

  /** A backend put in place of the chosen one by {@link #install}, or null. */
  private static volatile ComputeBackend installed;

  /**
   * Returns the process's backend, choosing it on the first call; while a backend is
   * {@linkplain #install installed}, that one.
   */
  public static ComputeBackend get() {
    ComputeBackend b = installed;
    return b != null ? b : Chosen.CHOICE.backend();
  }

  /**
   * Puts {@code backend} in place of the process's backend until the returned handle is closed,
   * which restores the backend before it: for instruments that wrap a backend (a
   * {@link CountingComputeBackend}) and for tests. Every thread sees it; handles must be closed in
   * the reverse order of installing.
   *
   * @throws NullPointerException when {@code backend} is null
   */
  public static Installed install(ComputeBackend backend) {
    Objects.requireNonNull(backend, "backend");
    synchronized (ComputeBackends.class) {
      Installed handle = new Installed(installed, backend);
      installed = backend;
      return handle;
    }
  }

  /** Restores, when closed, the backend in place before an {@link #install}. */
  public static final class Installed implements AutoCloseable {
    private final ComputeBackend previous;
    private final ComputeBackend backend;
    private boolean closed;

    private Installed(ComputeBackend previous, ComputeBackend backend) {
      this.previous = previous;
      this.backend = backend;
    }

    /** Returns the backend installed. */
    public ComputeBackend backend() {
      return backend;
    }

    /**
     * Restores the backend in place before; a second close does nothing.
     *
     * @throws IllegalStateException when another backend was installed after this one and is still in place
     */
    @Override
    public void close() {
      synchronized (ComputeBackends.class) {
        if (closed) {
          return;
        }
        if (installed != backend) {
          throw new IllegalStateException("compute backend " + backend.name()
              + ": another backend was installed after it and is still in place; close that one first");
        }
        installed = previous;
        closed = true;
      }
    }
  }

  /**
   * Describes {@code backend} with the operations it ran as plain Java after {@code before} (an
   * earlier reading of {@link ComputeBackend#fallbacks()}): its name alone when there were none,
   * else e.g. {@code tornado: OPENCL <device> (java fallback: rankDescending ×3, masks ×1)}, the
   * operations in name order.
   */
  public static String describe(ComputeBackend backend, Map<String, Long> before) {
    Map<String, Long> since = fallbacksSince(before, backend.fallbacks());
    if (since.isEmpty()) {
      return backend.name();
    }
    StringBuilder b = new StringBuilder(backend.name()).append(" (java fallback: ");
    String sep = "";
    for (Map.Entry<String, Long> e : since.entrySet()) {
      b.append(sep).append(e.getKey()).append(" ×").append(e.getValue());
      sep = ", ";
    }
    return b.append(')').toString();
  }

  /**
   * Returns the fallbacks counted between two readings of {@link ComputeBackend#fallbacks()}, the
   * operations with none left out, in name order.
   */
  public static Map<String, Long> fallbacksSince(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> since = new TreeMap<>();
    after.forEach((op, n) -> {
      long d = n - before.getOrDefault(op, 0L);
      if (d > 0) {
        since.put(op, d);
      }
    });
    return since;
  }

  /** Returns the process's backend together with the reason it was chosen. */
  public static Choice choice() {
    return Chosen.CHOICE;
  }

  private static final class Chosen {
    static final Choice CHOICE = chooseAndLog();
  }

  private static Choice chooseAndLog() {
    Decision d;
    try {
      Request request = request(System::getProperty, System.getenv(ENV));
      d = choose(request, System::getProperty, discover(ComputeBackends.class.getClassLoader()));
    } catch (RuntimeException | ServiceConfigurationError e) { // a bad name or provider list: plain Java
      LOG.log(System.Logger.Level.WARNING, "compute backend: java ({0})", e.getMessage());
      return new Choice(new JavaComputeBackend(), e.getMessage());
    }
    LOG.log(d.level(), "compute backend: {0} ({1})", d.choice().backend().name(), d.choice().reason());
    return d.choice();
  }

  /**
   * The backend asked for.
   *
   * @param name   {@code auto} or a provider's name, lower case
   * @param value  the value as given
   * @param source where it was given: {@code -Digkit.compute}, {@code IGKIT_COMPUTE}, or the default
   */
  record Request(String name, String value, String source) {}

  /**
   * Returns the backend asked for: the system property {@value #PROPERTY}, else the environment
   * value, else {@code auto}. The name is checked against the providers by {@link #choose}.
   */
  static Request request(UnaryOperator<String> properties, String env) {
    String v = properties.apply(PROPERTY);
    String from = "-D" + PROPERTY;
    if (v == null || v.isBlank()) {
      v = env;
      from = ENV;
    }
    if (v == null || v.isBlank()) {
      return new Request(AUTO, AUTO, "default");
    }
    return new Request(v.trim().toLowerCase(Locale.ROOT), v, from);
  }

  /**
   * The providers found, in class-path order, and the ones that could not be loaded.
   *
   * @param found    the providers
   * @param problems one line per provider that failed to load
   */
  record Providers(List<ComputeBackendProvider> found, List<String> problems) {
    Providers {
      found = List.copyOf(found);
      problems = List.copyOf(problems);
    }

    /** Returns these providers, none of which failed to load. */
    static Providers of(ComputeBackendProvider... found) {
      return new Providers(List.of(found), List.of());
    }
  }

  /** Returns the providers {@link ServiceLoader} finds with {@code loader}. */
  static Providers discover(ClassLoader loader) {
    List<ComputeBackendProvider> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<ComputeBackendProvider> it = ServiceLoader.load(ComputeBackendProvider.class, loader).iterator();
    // The iterator recovers from a provider that fails to load by going on to the next; the bound
    // stops a loader that would keep failing on the same one.
    for (int tries = 0; tries < 1000; tries++) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        problems.add("a compute backend provider failed to load: " + e.getMessage());
      }
    }
    return new Providers(found, problems);
  }

  /**
   * The choice and how loudly to log it: a warning when a backend asked for, ranked above the one
   * chosen, or listed on the class path failed; debug when plain Java was chosen under {@code auto}
   * only because nothing else is loaded; info otherwise.
   */
  record Decision(Choice choice, System.Logger.Level level) {}

  /**
   * Chooses a backend without side effects other than starting the providers' backends tried.
   *
   * @param request    the backend asked for
   * @param properties the system properties to read
   * @param providers  the providers found; plain Java is added when missing
   * @throws IllegalArgumentException when no provider has the name asked for (the message lists the
   *     names there are), or two providers share a name, or a name is not lower-case kebab-case
   */
  static Decision choose(Request request, UnaryOperator<String> properties, Providers providers) {
    Map<String, ComputeBackendProvider> byName = byName(providers.found());
    List<String> notes = new ArrayList<>(providers.problems());
    boolean warn = !notes.isEmpty();
    if (!request.name().equals(AUTO)) {
      String asked = request.source() + "=" + request.name();
      ComputeBackendProvider p = byName.get(request.name());
      if (p == null) {
        String module = OPTIONAL_MODULES.get(request.name());
        if (module == null) {
          throw new IllegalArgumentException(unknown(request, byName));
        }
        notes.add(0, asked + " but it is not on the class path (add " + module + ")");
        return javaFallback(byName, notes, true);
      }
      Attempt a = attempt(p);
      if (a.backend() != null) {
        notes.add(0, asked);
        return new Decision(new Choice(a.backend(), String.join("; ", notes)), warn ? System.Logger.Level.WARNING
            : System.Logger.Level.INFO);
      }
      notes.add(0, asked + " but " + a.why());
      return javaFallback(byName, notes, true);
    }
    if (!byName.containsKey("tornado") && properties.apply(TORNADO_RUNTIME_PROPERTY) != null) {
      notes.add("tornado: TornadoVM runtime loaded but its backend is not on the class path (add "
          + OPTIONAL_MODULES.get("tornado") + ")");
      warn = true;
    }
    List<ComputeBackendProvider> ranked = new ArrayList<>(byName.values());
    ranked.sort(Comparator.comparingInt(ComputeBackendProvider::rank).reversed()
        .thenComparing(ComputeBackendProvider::name));
    for (ComputeBackendProvider p : ranked) {
      Attempt a = attempt(p);
      if (a.backend() == null) {
        notes.add(a.why());
        warn |= a.failed();
        continue;
      }
      boolean plain = p.name().equals(JavaComputeBackendProvider.NAME);
      String why = !notes.isEmpty() ? String.join("; ", notes)
          : plain ? "auto: no other compute backend on the class path"
          : "auto: the highest-ranked backend (rank " + p.rank() + ")";
      return new Decision(new Choice(a.backend(), why), warn ? System.Logger.Level.WARNING
          : plain ? System.Logger.Level.DEBUG
          : System.Logger.Level.INFO);
    }
    // Only when the Java provider itself failed: the reference backend needs no provider.
    return new Decision(new Choice(new JavaComputeBackend(), String.join("; ", notes)), System.Logger.Level.WARNING);
  }

  /** What trying one provider gave: a backend, or why not and whether that was a failure. */
  private record Attempt(ComputeBackend backend, String why, boolean failed) {}

  private static Attempt attempt(ComputeBackendProvider p) {
    try {
      var absent = p.unavailable();
      if (absent.isPresent()) {
        return new Attempt(null, p.name() + ": " + absent.get(), false);
      }
      ComputeBackend b = p.create();
      if (b == null) {
        return new Attempt(null, p.name() + ": " + p.getClass().getName() + ".create() returned null", true);
      }
      return new Attempt(b, null, false);
    } catch (Exception | LinkageError t) { // any failure of an optional accelerator falls back to plain Java
      Throwable cause = t instanceof ExceptionInInitializerError && t.getCause() != null ? t.getCause() : t;
      return new Attempt(null, p.name() + ": failed to start: " + cause, true);
    }
  }

  private static Decision javaFallback(Map<String, ComputeBackendProvider> byName, List<String> notes, boolean warn) {
    Attempt a = attempt(byName.get(JavaComputeBackendProvider.NAME));
    ComputeBackend b = a.backend() != null ? a.backend() : new JavaComputeBackend();
    return new Decision(new Choice(b, String.join("; ", notes)), warn ? System.Logger.Level.WARNING
        : System.Logger.Level.DEBUG);
  }

  private static Map<String, ComputeBackendProvider> byName(List<ComputeBackendProvider> found) {
    Map<String, ComputeBackendProvider> byName = new LinkedHashMap<>();
    for (ComputeBackendProvider p : found) {
      String name = p.name();
      if (name == null || !NAME.matcher(name).matches() || name.equals(AUTO)) {
        throw new IllegalArgumentException("compute backend provider " + p.getClass().getName()
            + ": name must be lower-case kebab-case and not '" + AUTO + "', was '" + name + "'");
      }
      ComputeBackendProvider before = byName.putIfAbsent(name, p);
      if (before != null) {
        throw new IllegalArgumentException("two compute backend providers are named '" + name + "': "
            + before.getClass().getName() + " and " + p.getClass().getName() + "; remove one from the class path");
      }
    }
    byName.putIfAbsent(JavaComputeBackendProvider.NAME, new JavaComputeBackendProvider());
    return byName;
  }

  private static String unknown(Request request, Map<String, ComputeBackendProvider> byName) {
    TreeSet<String> known = new TreeSet<>(byName.keySet());
    known.addAll(OPTIONAL_MODULES.keySet());
    StringBuilder b = new StringBuilder(request.source()).append(": no compute backend is named '")
        .append(request.value()).append("'; known: ").append(AUTO);
    known.forEach(n -> b.append(", ").append(n));
    OPTIONAL_MODULES.forEach((n, module) -> {
      if (!byName.containsKey(n)) {
        b.append(" (").append(n).append(": add ").append(module).append(" to the class path)");
      }
    });
    return b.append("; unset it to let igkit choose").toString();
  }
}
