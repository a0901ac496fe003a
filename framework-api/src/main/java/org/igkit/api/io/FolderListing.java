package org.igkit.api.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The regular files under one folder, as a {@link Storage} listed them: their paths relative to
 * the folder ({@code /}-separated), sorted by {@link String#compareTo}, and their sizes. A listing
 * is made once, where a run is planned, and may travel to other machines (it is
 * {@link Serializable}), which then read the files it names without listing the folder again.
 *
 * @param folder the folder's location, as it was listed
 * @param files  the files, sorted by relative path, each path once
 */
public record FolderListing(String folder, List<Entry> files) implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * One file.
   *
   * @param path the path relative to the folder, {@code /}-separated, without a leading {@code /}
   * @param size the size in bytes
   */
  public record Entry(String path, long size) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks the components. */
    public Entry {
      Objects.requireNonNull(path, "path");
      if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
        throw new IllegalArgumentException("a listed path must be relative and '/'-separated, was '" + path + "'");
      }
      if (size < 0) {
        throw new IllegalArgumentException(path + ": size must be ≥ 0, was " + size);
      }
    }
  }

  /** Checks that the files are sorted by path, each once, and keeps an unmodifiable copy. */
  public FolderListing {
    Objects.requireNonNull(folder, "folder");
    files = List.copyOf(files);
    for (int i = 1; i < files.size(); i++) {
      if (files.get(i - 1).path().compareTo(files.get(i).path()) >= 0) {
        throw new IllegalArgumentException("the listing of " + folder + " is not sorted by path, or holds a path twice: '"
            + files.get(i - 1).path() + "' before '" + files.get(i).path() + "'");
      }
    }
  }

  /** Returns a listing of {@code files} under {@code folder}, sorting them by path first. */
  public static FolderListing sorted(String folder, List<Entry> files) {
    List<Entry> copy = new ArrayList<>(files);
    copy.sort((a, b) -> a.path().compareTo(b.path()));
    return new FolderListing(folder, copy);
  }

  /** Returns the files whose relative path {@code keep} accepts, in the same order. */
  public FolderListing filter(Predicate<String> keep) {
    return new FolderListing(folder, files.stream().filter(e -> keep.test(e.path())).toList());
  }

  /** Returns the relative paths, in order. */
  public List<String> paths() {
    return files.stream().map(Entry::path).toList();
  }

  /** Returns the number of files. */
  public int size() {
    return files.size();
  }

  /** Returns whether a file has the relative path {@code path} (a binary search). */
  public boolean contains(String path) {
    int lo = 0;
    int hi = files.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = files.get(mid).path().compareTo(path);
      if (c == 0) {
        return true;
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return false;
  }
}
