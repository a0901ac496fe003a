package org.igkit.models;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL's PyTorch engine the way igkit needs it: offline, without telemetry, with the number
 * of threads a {@link ModelSpec} asks for.
 *
 * <p>DJL reads its settings from system properties or environment variables when the engine first
 * starts. Unless the user chose otherwise, this class sets, before that first start:
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true} (same as env {@code DJL_OFFLINE=true}): the PyTorch native
 *       library comes from the {@code pytorch-native-cpu} jar on the class path (the
 *       {@code pytorch-native-cu124} jar in the {@code -Pcuda} build, through
 *       {@link BundledCudaNatives}), nothing is downloaded;
 *   <li>{@code OPT_OUT_TRACKING=true}: no telemetry (without it DJL probes a cloud-metadata address
 *       at start, four one-second time-outs);
 *   <li>{@code ai.djl.pytorch.num_threads} and {@code ai.djl.pytorch.num_interop_threads} from the
 *       spec (default 1 each: on shared small machines more threads are much slower).
 * </ul>
 *
 * <p>When the engine has already started, the intra-op thread count is changed through the engine
 * (PyTorch allows that at any time); the inter-op count cannot change once PyTorch did parallel
 * work, and a different request is then logged and ignored. {@code OMP_NUM_THREADS=1} in the
 * environment is a good companion setting.
 */
public final class PyTorchRuntime {

  /** DJL's name of the PyTorch engine. */
  public static final String ENGINE = "PyTorch";

  private static final Logger LOG = LoggerFactory.getLogger(PyTorchRuntime.class);

  private PyTorchRuntime() {}

  /**
   * Returns the PyTorch engine, started with the given thread counts.
   *
   * @param intraOpThreads threads one operator may use, ≥ 1
   * @param interOpThreads threads for running independent operators, ≥ 1
   */
  public static synchronized Engine start(int intraOpThreads, int interOpThreads) {
    defaultIfAbsent("ai.djl.offline", "DJL_OFFLINE", "true");
    defaultIfAbsent("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interOpThreads));
    BundledCudaNatives.prepare();
    Engine engine = Engine.getEngine(ENGINE);
    if (JniUtils.getNumThreads() != intraOpThreads) {
      JniUtils.setNumThreads(intraOpThreads);
    }
    if (JniUtils.getNumInteropThreads() != interOpThreads) {
      try {
        JniUtils.setNumInteropThreads(interOpThreads);
      } catch (RuntimeException e) {
        LOG.warn("PyTorch already runs with {} inter-op threads; cannot change to {}: {}",
            JniUtils.getNumInteropThreads(), interOpThreads, e.getMessage());
      }
    }
    return engine;
  }

  /** Returns the DJL and libtorch versions, for provenance (starts the engine if needed). */
  public static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("djl", Engine.getDjlVersion());
    BundledCudaNatives.prepare();
    v.put("libtorch", Engine.getEngine(ENGINE).getVersion());
    return v;
  }

  /** Runs {@code body} with PyTorch's (thread-local) grad mode set to {@code on}, then restores it. */
  public static <T> T withGradMode(boolean on, Supplier<T> body) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(on);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  private static void defaultIfAbsent(String property, String env, String value) {
    if (System.getProperty(property) == null && System.getenv(env) == null) {
      System.setProperty(property, value);
    }
  }
}
