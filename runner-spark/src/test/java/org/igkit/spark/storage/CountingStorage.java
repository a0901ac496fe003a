package org.igkit.spark.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.igkit.api.io.FolderListing;
import org.igkit.api.io.LocalStorage;
import org.igkit.api.io.Storage;

/**
 * A test storage for {@code counted:} URIs — this machine's files, {@code counted:///data} being
 * {@code file:///data} — that records every listing and every opened file with the thread that
 * asked, so a test can tell the Spark driver's reads from the executors' (in local mode, executor
 * tasks run on threads named {@value #EXECUTOR_THREAD}…). Registered for the tests in
 * {@code META-INF/services}.
 */
public final class CountingStorage implements Storage {

  /** How Spark names the threads that run tasks. */
  static final String EXECUTOR_THREAD = "Executor task launch worker";

  /** One call: {@code list} or {@code open}, the location, and whether an executor made it. */
  record Call(String what, String location, boolean onExecutor) {}

  private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();

  private final LocalStorage local = new LocalStorage();

  /** Returns the calls so far under {@code prefix}, in order. */
  static List<Call> calls(String prefix) {
    return CALLS.stream().filter(c -> c.location().startsWith(prefix)).toList();
  }

  private static void record(String what, String location) {
    CALLS.add(new Call(what, location, Thread.currentThread().getName().startsWith(EXECUTOR_THREAD)));
  }

  private static String file(String location) {
    return "file:" + location.substring("counted:".length());
  }

  @Override
  public String name() {
    return "counted";
  }

  @Override
  public boolean reads(String scheme) {
    return scheme.equals("counted");
  }

  @Override
  public Kind kind(String location) {
    return local.kind(file(location));
  }

  @Override
  public FolderListing list(String folder) throws IOException {
    record("list", folder);
    return new FolderListing(folder, local.list(file(folder)).files());
  }

  @Override
  public InputStream open(String file) throws IOException {
    record("open", file);
    return local.open(file(file));
  }

  @Override
  public String member(String folder, String relativePath) {
    return "counted:" + local.member(file(folder), relativePath).substring("file:".length());
  }
}
