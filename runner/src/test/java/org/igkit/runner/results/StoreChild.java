package org.igkit.runner.results;

import java.nio.file.Path;

/**
 * A separate JVM for the store's process tests. {@code lock DIR}: opens the store, prints
 * {@code locked}, waits for standard input to close. {@code write DIR POINTS MAX}: opens the store
 * and appends the missing groups up to {@code MAX}, printing each index once durable. When the
 * folder is in use it prints {@code refused: <message>} and exits with status 3.
 */
public final class StoreChild {

  private StoreChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    ResultStore store;
    try {
      store = ResultStore.open(dir);
    } catch (OutputFolderInUseException e) {
      System.out.println("refused: " + e.getMessage());
      System.out.flush();
      System.exit(3);
      return;
    }
    try (store) {
      if (args[0].equals("lock")) {
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
          // wait for the parent
        }
        return;
      }
      int points = Integer.parseInt(args[2]);
      int max = Integer.parseInt(args[3]);
      for (int i = store.completed().size(); i < max; i++) {
        store.append(Groups.bigGroup(i, points));
        System.out.println(i);
        System.out.flush();
      }
    }
  }
}
