/**
 * Files: where data is read from, and the file formats shared by the modules.
 *
 * <ul>
 *   <li>{@link org.igkit.api.io.Storage} — the storage SPI: list a folder recursively (sorted
 *       relative paths and sizes, a {@link org.igkit.api.io.FolderListing}), open a file, say what a
 *       location is; one per kind of file system, found with {@link java.util.ServiceLoader} and
 *       chosen per URI scheme by {@link org.igkit.api.io.Storages}.
 *       {@link org.igkit.api.io.LocalStorage} (plain paths and {@code file:} URIs) is always there.
 *   <li>NumPy {@code .npy} arrays ({@link org.igkit.api.io.Npy}, {@link org.igkit.api.io.NpyArray}).
 * </ul>
 */
package org.igkit.api.io;
