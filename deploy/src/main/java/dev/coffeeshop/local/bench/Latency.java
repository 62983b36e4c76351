package dev.coffeeshop.local.bench;

import dev.coffeeshop.local.demo.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of measured latencies, nearest rank as the demo reports them, with p99.9 for long runs. */
record Latency(int count, Duration p50, Duration p99, Duration p999, Duration max) {

    static Latency of(List<Duration> samples) {
        var basic = Percentiles.of(samples);
        var sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return new Latency(basic.count(), basic.p50(), basic.p99(), Percentiles.rank(sorted, 99.9), basic.max());
    }

    static double millis(Duration duration) {
        return duration.toNanos() / 1e6;
    }
}
