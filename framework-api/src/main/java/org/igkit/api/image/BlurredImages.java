package org.igkit.api.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.igkit.api.model.Shape;

/**
 * The last few reflect-padded blurs that {@link Fill#BLUR} made, so that every map of the same
 * image — deletion and insertion, each method's attribution — reuses one blur instead of
 * computing it again. An entry is found by the input's contents (compared in full, so an array
 * changed in place is blurred again), its shape and σ; answers are copies. It is a memo of a pure
 * function, not a registry: what it holds changes how long {@link Fill#image} takes, never what it
 * answers.
 *
 * <p>Thread-safe: lookups copy the entry list under a lock and compare outside it; two threads
 * that miss at once both blur (and keep two equal entries until they are pushed out). At most
 * {@link #ENTRIES} entries and {@link #BUDGET} cached floats (inputs and blurs) are kept, the most
 * recently used first; a larger image is not cached.
 */
final class BlurredImages {

  /** Entries kept. */
  static final int ENTRIES = 8;

  /** Floats kept in all, inputs and blurs together (16 MiB). */
  static final long BUDGET = 1L << 22;

  private record Entry(float[] input, Shape shape, double sigma, float[] blurred) {
    boolean matches(float[] x, Shape s, double sg) {
      return Double.compare(sigma, sg) == 0 && shape.equals(s) && Arrays.equals(input, x);
    }

    long floats() {
      return (long) input.length + blurred.length;
    }
  }

  private static final List<Entry> ENTRIES_BY_USE = new ArrayList<>(ENTRIES);

  private BlurredImages() {}

  /** Returns {@link GaussianBlur#blur}(x, shape, sigma, REFLECT), from the cache when it is there. */
  static float[] blur(float[] x, Shape shape, double sigma) {
    Entry[] entries;
    synchronized (ENTRIES_BY_USE) {
      entries = ENTRIES_BY_USE.toArray(new Entry[0]);
    }
    for (Entry e : entries) {
      if (e.matches(x, shape, sigma)) {
        synchronized (ENTRIES_BY_USE) {
          if (ENTRIES_BY_USE.remove(e)) {
            ENTRIES_BY_USE.add(0, e);
          }
        }
        return e.blurred().clone();
      }
    }
    float[] blurred = GaussianBlur.blur(x, shape, sigma, GaussianBlur.Padding.REFLECT);
    Entry added = new Entry(x.clone(), shape, sigma, blurred.clone());
    if (added.floats() <= BUDGET) {
      synchronized (ENTRIES_BY_USE) {
        ENTRIES_BY_USE.add(0, added);
        long kept = 0;
        for (int i = 0; i < ENTRIES_BY_USE.size(); i++) {
          kept += ENTRIES_BY_USE.get(i).floats();
          if (i >= ENTRIES || kept > BUDGET) {
            ENTRIES_BY_USE.subList(i, ENTRIES_BY_USE.size()).clear();
            break;
          }
        }
      }
    }
    return blurred;
  }

  /** Forgets every entry (for tests). */
  static void clear() {
    synchronized (ENTRIES_BY_USE) {
      ENTRIES_BY_USE.clear();
    }
  }

  /** Returns the number of entries kept (for tests). */
  static int size() {
    synchronized (ENTRIES_BY_USE) {
      return ENTRIES_BY_USE.size();
    }
  }
}
