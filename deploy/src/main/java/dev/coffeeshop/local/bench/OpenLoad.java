package dev.coffeeshop.local.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The open model: orders arrive at a fixed rate whether or not earlier ones have been answered, as customers do, each
 * sent from its own virtual thread. While a step runs, the cashier's ledger is read once a second to count what reached
 * READY; after it, the bench waits for the step's backlog to drain and reads the timelines of a sample of its orders.
 */
final class OpenLoad {

    /** More requests in flight than this and the system is not keeping up; further arrivals count as errors. */
    static final int MAX_IN_FLIGHT = 2000;

    /**
     * About one second of the run, ending {@code at} seconds after the bench started: orders offered (sent) and
     * completed (seen READY) per second in it. A ledger read that takes longer than a second stretches it.
     */
    record Second(double at, double offered, double completed, int targetRate) {}

    private final HttpClient http;
    private final Intake intake;
    private final ReadyTracker tracker;
    private final long origin;
    private final List<Second> seconds = Collections.synchronizedList(new ArrayList<>());
    private final Random random = new Random(42);
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

    OpenLoad(HttpClient http, Intake intake, ReadyTracker tracker, long originNanos) {
        this.http = http;
        this.intake = intake;
        this.tracker = tracker;
        this.origin = originNanos;
    }

    /**
     * Offers {@code rate} orders a second for {@code duration}, then waits up to {@code drainWait} for every accepted
     * order to be READY, and reads the timelines of up to {@code sampleSize} of them.
     */
    Step step(int number, int rate, Duration duration, Duration drainWait, int sampleSize) {
        var sent = new AtomicLong();
        var accepted = new AtomicLong();
        var errors = new AtomicLong();
        var inFlight = new AtomicInteger();
        errorKinds.clear();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Thread arrivals = Thread.ofPlatform().name("arrivals").start(() -> {
            long period = 1_000_000_000L / rate;
            for (long i = 0; ; i++) {
                long due = start + i * period;
                if (due >= end) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (inFlight.get() >= MAX_IN_FLIGHT) {
                    errors.incrementAndGet();
                    failed("not sent: " + MAX_IN_FLIGHT + " in flight");
                    continue;
                }
                inFlight.incrementAndGet();
                sent.incrementAndGet();
                Thread.ofVirtual().start(() -> {
                    try {
                        place(number, accepted, errors);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        });
        long offeredBefore = 0;
        long readyBefore = tracker.ready();
        long previous = start;
        for (long tick = start + 1_000_000_000L; tick <= end; tick = Math.max(tick + 1_000_000_000L, previous)) {
            pauseUntil(tick);
            tracker.poll();
            long now = System.nanoTime();
            long offered = sent.get();
            long ready = tracker.ready();
            double seconds = (now - previous) / 1e9;
            this.seconds.add(new Second(
                    (now - origin) / 1e9, (offered - offeredBefore) / seconds, (ready - readyBefore) / seconds, rate));
            offeredBefore = offered;
            readyBefore = ready;
            previous = now;
        }
        join(arrivals);
        double offeredRate = sent.get() / (duration.toNanos() / 1e9);
        long arrivalsEnded = System.nanoTime();
        Optional<Duration> drain = Optional.empty();
        long drainDeadline = arrivalsEnded + drainWait.toNanos();
        while (System.nanoTime() < drainDeadline) {
            tracker.poll();
            if (inFlight.get() == 0 && tracker.pending() == 0) {
                drain = Optional.of(Duration.ofNanos(System.nanoTime() - arrivalsEnded));
                break;
            }
            pauseUntil(System.nanoTime() + 100_000_000L);
        }
        var readyOrders = new ArrayList<>(tracker.readyOf(number));
        Collections.shuffle(readyOrders, random);
        List<UUID> sample = readyOrders.subList(0, Math.min(sampleSize, readyOrders.size()));
        List<Duration> latencies = intake.placedToReady(sample, 8);
        return new Step(
                rate,
                offeredRate,
                accepted.get(),
                readyOrders.size(),
                errors.get(),
                drain,
                latencies.isEmpty() ? Optional.empty() : Optional.of(Latency.of(latencies)));
    }

    private void place(int step, AtomicLong accepted, AtomicLong errors) {
        Instant sentAt = Instant.now();
        try {
            HttpResponse<Void> response = http.send(intake.placeOrder(), HttpResponse.BodyHandlers.discarding());
            Optional<UUID> order = Intake.acceptedOrder(response);
            if (order.isPresent()) {
                accepted.incrementAndGet();
                tracker.accepted(order.get(), sentAt, step);
            } else {
                errors.incrementAndGet();
                failed("HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            errors.incrementAndGet();
            failed(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String kind) {
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** The last step's request errors by kind: an HTTP status, an exception's class, or arrivals not sent. */
    Map<String, Long> errorKinds() {
        var kinds = new TreeMap<String, Long>();
        errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
        return kinds;
    }

    /** Offered and completed orders of every second the load ran, in order. */
    List<Second> seconds() {
        synchronized (seconds) {
            return List.copyOf(seconds);
        }
    }

    private static void pauseUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
