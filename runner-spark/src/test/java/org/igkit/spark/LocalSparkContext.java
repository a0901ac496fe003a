package org.igkit.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Spark context for all the tests of a class: started from its configuration (usually
 * {@link LocalSpark#conf}) before the first test, closed after the last. Registered as a static
 * {@code @RegisterExtension} field.
 */
public final class LocalSparkContext implements BeforeAllCallback, AfterAllCallback {

  private final SparkConf conf;
  private JavaSparkContext sc;

  public LocalSparkContext(SparkConf conf) {
    this.conf = conf;
  }

  /** The started context. */
  public JavaSparkContext get() {
    if (sc == null) {
      throw new IllegalStateException("the Spark context is started before the first test of the class");
    }
    return sc;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    sc = new JavaSparkContext(conf);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (sc != null) {
      sc.close();
      sc = null;
    }
  }
}
