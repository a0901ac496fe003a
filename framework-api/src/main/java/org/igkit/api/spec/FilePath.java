package org.igkit.api.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} component of a plugin's spec record as a file or folder path. The
 * experiment loader resolves a relative value against the folder of the YAML file and passes the
 * plugin an absolute, normalised path, so an experiment folder can be moved as a whole.
 *
 * <p>A URI ({@code hdfs://…}, {@code file:/…}) is refused unless {@link #uris()} says the plugin
 * reads the value through {@link org.igkit.api.io.Storages}; then a URI whose scheme a storage on
 * the class path reads is passed on as written, and one whose scheme none reads is a located
 * configuration error naming the scheme.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FilePath {

  /**
   * Whether the plugin reads this location through {@link org.igkit.api.io.Storages}, so that URIs
   * of any scheme a {@link org.igkit.api.io.Storage} on the class path reads are accepted
   * (default {@code false}: local paths only).
   */
  boolean uris() default false;
}
