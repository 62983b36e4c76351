package dev.coffeeshop.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Arrivals and completions of accepted orders over a run, to compare what the shop finishes with what arrives. Gatling's
 * report counts requests; this counts orders, and times each from PLACED to its final status by the order's own
 * timeline, so the figure is the system's and not the polling interval's.
 */
final class Completions {

    /** A stretch of the run at one arrival rate: a capacity step, the spike's burst. */
    record Window(String name, Duration from, Duration to) {}

    /** Times in milliseconds since the run started; {@code placedToFinal} from the order's timeline. */
    record Completion(long arrivedAt, long finishedAt, long placedToFinal) {}

    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    // the run's time zero is its first arrival, so windows line up with the injection profile
    private final AtomicLong startMillis = new AtomicLong();

    long sinceStart() {
        long now = System.currentTimeMillis();
        startMillis.compareAndSet(0, now);
        return now - startMillis.get();
    }

    void finished(long arrivedAt, Duration placedToFinal) {
        completions.add(new Completion(arrivedAt, sinceStart(), placedToFinal.toMillis()));
    }

    int count() {
        return completions.size();
    }

    /** One line per window: how many accepted orders arrived and finished in it, and how long those that arrived took. */
    String report(List<Window> windows) {
        var all = List.copyOf(completions);
        var lines = new ArrayList<String>();
        lines.add(
                "Accepted orders that arrived and that finished (final status) per stretch of the run; placed->final by"
                        + " the orders' timelines:");
        for (Window window : windows) {
            lines.add(line(window, all));
        }
        all.stream()
                .mapToLong(Completion::finishedAt)
                .max()
                .ifPresent(last -> lines.add("The last order was final %.1f s after the run started (%d orders)."
                        .formatted(last / 1000.0, all.size())));
        return String.join(System.lineSeparator(), lines);
    }

    static String line(Window window, List<Completion> all) {
        long from = window.from().toMillis();
        long to = window.to().toMillis();
        double seconds = Math.max(1, to - from) / 1000.0;
        List<Completion> arrived = all.stream()
                .filter(c -> c.arrivedAt() >= from && c.arrivedAt() < to)
                .toList();
        long finished = all.stream()
                .filter(c -> c.finishedAt() >= from && c.finishedAt() < to)
                .count();
        if (arrived.isEmpty()) {
            return "  %-18s arrived 0, finished %d".formatted(window.name(), finished);
        }
        var latencies = arrived.stream()
                .map(Completion::placedToFinal)
                .sorted(Comparator.naturalOrder())
                .toList();
        long drained = arrived.stream().mapToLong(Completion::finishedAt).max().orElseThrow() - to;
        return ("  %-18s arrived %5d (%6.1f/s), finished %5d (%6.1f/s); placed->final p50 %5d ms, p99 %6d ms,"
                        + " max %6d ms; all arrived in it final %s")
                .formatted(
                        window.name(),
                        arrived.size(),
                        arrived.size() / seconds,
                        finished,
                        finished / seconds,
                        percentile(latencies, 50),
                        percentile(latencies, 99),
                        latencies.getLast(),
                        drained <= 0 ? "within it" : "%.1f s after it".formatted(drained / 1000.0));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
