package org.igkit.runner.results;

import java.io.IOException;
import java.nio.file.Path;

/** Thrown when another igkit run (in this or another process) holds an output folder's lock. */
public final class OutputFolderInUseException extends IOException {

  private static final long serialVersionUID = 1L;

  private final Path folder;
  private final String holderPid;

  /**
   * Creates the exception.
   *
   * @param folder    the output folder
   * @param holderPid the process id written by the holder, or {@code "unknown"}
   * @param sameJvm   whether the holder is this very process
   */
  public OutputFolderInUseException(Path folder, String holderPid, boolean sameJvm) {
    super("output folder " + folder + " is in use by another igkit run (pid " + holderPid
        + (sameJvm ? ", this process" : "") + "); wait for it to finish, or choose another"
        + " output folder");
    this.folder = folder;
    this.holderPid = holderPid;
  }

  /** Returns the output folder. */
  public Path folder() {
    return folder;
  }

  /** Returns the holder's process id as it wrote it, or {@code "unknown"}. */
  public String holderPid() {
    return holderPid;
  }
}
