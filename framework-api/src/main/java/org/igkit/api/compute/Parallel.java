package org.igkit.api.compute;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the index of a loop whose iterations are independent: no iteration reads what another
 * writes, so they may run in any order or all at once. It is the contract of TornadoVM's
 * {@code @Parallel} (TornadoVM, Fumero et al., VEE 2019) written in igkit's own namespace, so that
 * framework-api needs no TornadoVM jar: the {@code compute-tornado} module compiles the kernel
 * classes of this package a second time with this annotation replaced by TornadoVM's, and TornadoVM
 * then maps each marked loop onto the threads of a device. In plain Java the annotation does
 * nothing (it is not even kept in the class file).
 *
 * <p>A marked loop must start at 0 and step by 1, and its body must not allocate, throw, or call
 * anything but {@link Math} and other kernels.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.LOCAL_VARIABLE, ElementType.TYPE_USE})
public @interface Parallel {}
