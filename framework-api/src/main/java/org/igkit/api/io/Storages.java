package org.igkit.api.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Storage}s a process reads data through, and which one reads a location: a plain path
 * is read by {@link LocalStorage}; a URI by the storage of highest {@link Storage#rank()} among
 * those that {@link Storage#reads(String) read} its scheme (in the order {@link ServiceLoader}
 * found them when ranks tie). {@link #installed()} holds the storages on the class path —
 * {@link LocalStorage} always, {@code runner-spark} adds Hadoop's file systems
 * ({@code hdfs:}, {@code s3a:}, …) — and {@link #with(Storage)} puts one configured storage
 * before them.
 *
 * <p>A location is a URI when it starts with a scheme of two or more characters followed by
 * {@code ://} ({@code hdfs://namenode/data}), or with {@code file:}; anything else is a path
 * ({@code C:\data} included).
 */
public final class Storages {

  /** A URI scheme of two or more characters followed by {@code ://}, or {@code file:}. */
  private static final Pattern URI = Pattern.compile("(?i)([a-z][a-z0-9+.-]+)://.*|(file):.*", Pattern.DOTALL);

  private static final System.Logger LOG = System.getLogger(Storages.class.getName());

  private final List<Storage> storages;

  private Storages(List<Storage> storages) {
    this.storages = List.copyOf(storages);
  }

  /**
   * Returns the storages on the class path of {@code Storages}' class loader, by rank, then
   * {@link LocalStorage}. A registered storage that cannot be loaded (its library is missing) is
   * left out with a debug log line.
   */
  public static Storages installed() {
    List<Storage> found = new ArrayList<>();
    Iterator<Storage> it = ServiceLoader.load(Storage.class, Storages.class.getClassLoader()).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        Storage s = it.next();
        if (!(s instanceof LocalStorage)) {
          found.add(s);
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "a registered storage cannot be loaded: " + e);
      }
    }
    found.sort(Comparator.comparingInt(Storage::rank).reversed());
    found.add(new LocalStorage());
    return new Storages(found);
  }

  /** Returns exactly {@code storages} (in this order of preference) and {@link LocalStorage}. */
  public static Storages of(Storage... storages) {
    List<Storage> list = new ArrayList<>(List.of(storages));
    list.removeIf(s -> s instanceof LocalStorage);
    list.add(new LocalStorage());
    return new Storages(list);
  }

  /** Returns these storages with {@code preferred} first: it reads every scheme it reads. */
  public Storages with(Storage preferred) {
    List<Storage> list = new ArrayList<>();
    list.add(preferred);
    list.addAll(storages);
    return new Storages(list);
  }

  /** Returns the storages, in order of preference ({@link LocalStorage} last). */
  public List<Storage> storages() {
    return storages;
  }

  /** Returns the scheme of {@code location} in lower case, or {@code null} when it is a plain path. */
  public static String scheme(String location) {
    Matcher m = URI.matcher(location.strip());
    if (!m.matches()) {
      return null;
    }
    return (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase(Locale.ROOT);
  }

  /** Returns the storage that reads {@code location}, or empty when none reads its scheme. */
  public Optional<Storage> find(String location) {
    String scheme = scheme(location);
    for (Storage s : storages) {
      if (scheme == null ? s instanceof LocalStorage : s.reads(scheme)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the storage that reads {@code location}.
   *
   * @throws NoStorageException when none reads its scheme
   */
  public Storage get(String location) {
    return find(location).orElseThrow(() -> new NoStorageException(location, scheme(location), this));
  }

  /** Thrown when no storage on the class path reads a location's URI scheme. */
  public static final class NoStorageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String scheme;

    NoStorageException(String location, String scheme, Storages storages) {
      super(location + ": no storage on the class path reads " + scheme + ": URIs (storages here: "
          + String.join(", ", storages.storages.stream().map(Storage::name).toList()) + ")");
      this.scheme = scheme;
    }

    /** Returns the scheme no storage reads. */
    public String scheme() {
      return scheme;
    }
  }
}
