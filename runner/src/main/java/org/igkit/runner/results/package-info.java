/**
 * What a run leaves in its output folder, and how it gets there safely.
 *
 * <ul>
 *   <li>{@link org.igkit.runner.results.ResultStore}: append-only, crash-safe
 *       {@code results.csv} / {@code curves.csv} with the commit journal {@code done.csv}, one
 *       group per (sample, cell), and the folder's lock ({@link
 *       org.igkit.runner.results.OutputFolderLock});
 *   <li>{@link org.igkit.runner.results.ResultRow}, {@link org.igkit.runner.results.ResultsCsv}
 *       (exact file formats, reading), {@link org.igkit.runner.results.Csv} (RFC 4180 dialect),
 *       {@link org.igkit.runner.results.DoubleText} (shortest round-trip numbers);
 *   <li>{@link org.igkit.runner.results.AttributionFiles}: attribution maps and weights as
 *       NumPy {@code .npy} ({@link org.igkit.api.io.Npy});
 *   <li>{@link org.igkit.runner.results.Provenance} with its writer and reader,
 *       {@link org.igkit.runner.results.Hashing}, {@link org.igkit.runner.results.GitInfo},
 *       {@link org.igkit.runner.results.BuildInfo} (igkit's own version and build commit):
 *       {@code provenance.json};
 *   <li>{@link org.igkit.runner.results.RunFingerprint}: {@code fingerprint.json}, what a
 *       folder's results depend on, checked before a resume.
 * </ul>
 *
 * <p>Every file is either append-only with a commit journal or replaced atomically
 * ({@link org.igkit.runner.results.AtomicFiles}); nothing that varies between identical runs is
 * written to the results files.
 */
package org.igkit.runner.results;
