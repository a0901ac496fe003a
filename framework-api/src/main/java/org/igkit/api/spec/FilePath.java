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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FilePath {}
