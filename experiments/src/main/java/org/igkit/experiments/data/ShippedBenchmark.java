package org.igkit.experiments.data;

import java.util.List;
import org.igkit.api.data.Dataset;
import org.igkit.api.data.Sample;
import org.igkit.api.model.Shape;

/**
 * A benchmark data set read from an archive written by {@code igkit build-data} — by default the
 * evaluation split igkit ships. Subclasses name the benchmark and declare its plugin.
 */
public abstract class ShippedBenchmark implements Dataset {

  private final ArchivedBenchmark data;

  /** Opens the archive of {@code benchmark} at {@code path} (the shipped one when null). */
  protected ShippedBenchmark(String benchmark, String path, Integer count, Integer referenceCount) {
    this.data = ArchivedBenchmark.open(benchmark, path, count, referenceCount);
  }

  /** Returns the archive the samples come from (boxes, items, backgrounds). */
  public BenchmarkArchive archive() {
    return data.archive();
  }

  @Override
  public Shape shape() {
    return data.shape();
  }

  @Override
  public int size() {
    return data.size();
  }

  @Override
  public Sample get(int index) {
    return data.get(index);
  }

  @Override
  public String id(int index) {
    return data.id(index);
  }

  @Override
  public List<String> classNames() {
    return data.classNames();
  }

  @Override
  public List<float[]> referenceImages() {
    return data.referenceImages();
  }

  @Override
  public String fingerprint() {
    return data.fingerprint();
  }
}
