package dev.coffeeshop.local.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency percentiles by the nearest-rank method: every reported value is one that was actually measured. */
public record Percentiles(int count, Duration p50, Duration p90, Duration p99, Duration max) {

    public static Percentiles of(List<Duration> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        var sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return new Percentiles(
                sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    /** The smallest sample such that at least {@code percent}% of all samples are less than or equal to it. */
    public static Duration rank(List<Duration> sorted, double percent) {
        // 99.9% of 2000 is 1998 exactly, but 1998.0000000000002 in floating point: no rank is a hair above an integer
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size() - 1e-9);
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }
}
