package dev.coffeeshop.local.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed loop: {@code connections} clients, each sending its next request as soon as the last one is answered. A
 * warm-up first (not counted), then the measured window. Each client is a virtual thread on one shared HTTP client, so
 * the generator costs little CPU of the two cores it shares with the system.
 */
final class ClosedLoop {

    /** What the measured window saw: answers with the expected status, other answers and failures, latencies. */
    record Result(long completed, long errors, Duration window, List<Duration> latencies) {

        double perSecond() {
            return completed / (window.toNanos() / 1e9);
        }
    }

    private ClosedLoop() {}

    static Result run(
            HttpClient http,
            int connections,
            Duration warmUp,
            Duration window,
            Supplier<HttpRequest> requests,
            int expectedStatus) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + window.toNanos();
        var completed = new AtomicLong();
        var errors = new AtomicLong();
        var latencies = new ArrayList<List<Duration>>();
        var clients = new ArrayList<Thread>();
        for (int i = 0; i < connections; i++) {
            var mine = new ArrayList<Duration>();
            latencies.add(mine);
            clients.add(Thread.ofVirtual().start(() -> {
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= measureUntil) {
                        return;
                    }
                    int status;
                    try {
                        status = http.send(requests.get(), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (IOException e) {
                        status = 0;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long answered = System.nanoTime();
                    if (sent >= measureFrom && answered <= measureUntil) {
                        if (status == expectedStatus) {
                            completed.incrementAndGet();
                            mine.add(Duration.ofNanos(answered - sent));
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread client : clients) {
            try {
                client.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        var all = new ArrayList<Duration>();
        latencies.forEach(all::addAll);
        return new Result(completed.get(), errors.get(), window, all);
    }
}
