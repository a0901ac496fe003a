package org.igkit.api.spec;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a spec-record component that the resolved configuration (provenance, run fingerprints,
 * sharing keys) leaves out while it is {@code null}: a setting added to a spec after results were
 * committed, which only some configurations use, so that the others resolve as before.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OmittedWhenNull {}
