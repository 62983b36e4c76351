package dev.coffeeshop.local.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The demo's verdict: outcomes against expectations, placed-to-ready latency, throughput. */
final class DemoReport {

    private DemoReport() {}

    /** Rows of outcome, expected count, actual count; expected outcomes first, then anything unexpected. */
    static Map<String, int[]> outcomeCounts(List<TrackedOrder> orders) {
        var counts = new LinkedHashMap<String, int[]>();
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome.name(), new int[2]);
        }
        for (TrackedOrder order : orders) {
            counts.get(order.planned().expected().name())[0]++;
            String actual = order.actual().orElse("unfinished (" + order.lastStatus() + ")");
            counts.computeIfAbsent(actual, k -> new int[2])[1]++;
        }
        return counts;
    }

    static String render(List<TrackedOrder> orders, Duration placing, Duration total) {
        var out = new StringBuilder();
        out.append("%n%-28s %8s %8s%n".formatted("outcome", "expected", "actual"));
        outcomeCounts(orders)
                .forEach((outcome, counts) -> out.append("%-28s %8d %8d  %s%n"
                        .formatted(outcome, counts[0], counts[1], counts[0] == counts[1] ? "ok" : "MISMATCH")));

        List<Duration> ready = orders.stream()
                .map(TrackedOrder::placedToReady)
                .flatMap(Optional::stream)
                .toList();
        out.append('\n');
        if (ready.isEmpty()) {
            out.append("Placed -> ready: no order became ready%n".formatted());
        } else {
            Percentiles p = Percentiles.of(ready);
            out.append("Placed -> ready (%d orders, from each order's timeline): p50 %s  p90 %s  p99 %s  max %s%n"
                    .formatted(p.count(), millis(p.p50()), millis(p.p90()), millis(p.p99()), millis(p.max())));
        }
        int finished = (int) orders.stream().filter(TrackedOrder::isFinished).count();
        out.append("Throughput: %d orders placed in %.1f s (%.1f/s); %d final after %.1f s (%.1f orders/s)%n"
                .formatted(
                        orders.size(),
                        seconds(placing),
                        perSecond(orders.size(), placing),
                        finished,
                        seconds(total),
                        perSecond(finished, total)));

        var wrong = new ArrayList<String>();
        for (TrackedOrder order : orders) {
            if (!order.endedAsExpected()) {
                wrong.add("  #%-4d %-36s expected %-9s got %s"
                        .formatted(
                                order.planned().number(),
                                order.id().orElse("(not placed)"),
                                order.planned().expected(),
                                order.actual().orElse("nothing final; last seen " + order.lastStatus())));
            }
        }
        if (wrong.isEmpty()) {
            out.append("All %d orders ended as expected.%n".formatted(orders.size()));
        } else {
            out.append("%d of %d orders did not end as expected:%n".formatted(wrong.size(), orders.size()));
            wrong.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static double perSecond(int count, Duration duration) {
        return duration.isZero() ? 0 : count / seconds(duration);
    }
}
