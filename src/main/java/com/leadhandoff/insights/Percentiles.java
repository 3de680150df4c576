package com.leadhandoff.insights;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Percentiles with linear interpolation between ranks, as SQL's percentile_cont computes them. */
public final class Percentiles {

  private Percentiles() {}

  /** The p-th percentile (0 to 1) of the values, or null if there are none. */
  public static Double of(Collection<? extends Number> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>();
    values.forEach(v -> sorted.add(v.doubleValue()));
    Collections.sort(sorted);
    double rank = p * (sorted.size() - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
  }
}
