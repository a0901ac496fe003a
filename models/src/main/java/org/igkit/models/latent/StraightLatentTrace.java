package org.igkit.models.latent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.DoubleFunction;
import org.igkit.api.path.PathPoint;
import org.igkit.api.path.PathTrace;
import org.igkit.api.path.Schedule;

/**
 * A latent path along a fixed latent curve ζ(α) from z' to z — the straight line
 * z' + α(z − z') (EIG's), its spherical version (EIG's {@code use_slerp}, {@link Slerp}) or MIG's
 * optimised polyline ({@link GeodesicLatents}) — one point per scheduled node, decoded lazily in
 * chunks of {@value #CHUNK} nodes: each chunk is one decoder call over 3 latents per node — ζ(α)
 * and the stencil ζ(α ± h) of the tangent's central difference, h = tangentStep / ‖z − z'‖₂ (so
 * the stencil is {@code tangentStep} long in latent space). The chunk size is fixed, so the
 * engine's batch size never changes which latents are decoded together. Not adaptive.
 */
final class StraightLatentTrace implements PathTrace {

  /** Nodes decoded per decoder call. */
  static final int CHUNK = 16;

  private final DecodedCurve curve;
  private final DoubleFunction<float[]> latent;
  private final Schedule schedule;
  private final double h;
  private final Deque<PathPoint> ready = new ArrayDeque<>();
  private int next;

  StraightLatentTrace(DecodedCurve curve, DoubleFunction<float[]> latent, Schedule schedule, double tangentStep) {
    this.curve = curve;
    this.latent = latent;
    this.schedule = schedule;
    double distance = curve.latentDistance();
    this.h = distance > 0 ? tangentStep / distance : 0;
  }

  @Override
  public boolean hasNext() {
    return !ready.isEmpty() || next < schedule.size();
  }

  @Override
  public PathPoint next() {
    if (ready.isEmpty()) {
      decodeChunk();
    }
    return ready.removeFirst();
  }

  private void decodeChunk() {
    int from = next;
    int to = Math.min(schedule.size(), from + CHUNK);
    if (from >= to) {
      throw new IllegalStateException("latent path: no point left (" + schedule.size() + " emitted)");
    }
    List<float[]> latents = new ArrayList<>(3 * (to - from));
    for (int j = from; j < to; j++) {
      double a = schedule.alpha(j);
      latents.add(latent.apply(a));
      latents.add(latent.apply(a + h));
      latents.add(latent.apply(a - h));
    }
    float[][] decoded = curve.codec().decode(latents);
    for (int j = from; j < to; j++) {
      int k = 3 * (j - from);
      double a = schedule.alpha(j);
      float[] position = curve.position(a, decoded[k]);
      float[] tangent = curve.tangent(a, h, decoded[k], decoded[k + 1], decoded[k + 2]);
      ready.addLast(new PathPoint(j, a, position, tangent, schedule.weight(j)));
    }
    next = to;
  }
}
