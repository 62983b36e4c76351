package dev.coffeeshop.local.chaos;

import dev.coffeeshop.local.demo.Outcome;
import dev.coffeeshop.local.demo.PlannedOrder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady stream of customers: one order every {@code 1/rate} seconds, each posted by its own client that behaves
 * like a careful real one: an answer it cannot trust (no answer, a timeout, a 5xx) is retried with the same
 * {@code Idempotency-Key} until the cashier gives a definite answer or {@link #GIVE_UP_AFTER} has passed. Every attempt
 * and its answer goes to the {@link History}.
 */
final class LoadDriver implements AutoCloseable {

    /** Longer than any fault of the suite, so an accepted order is never mistaken for a refused one. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final URI api;
    private final Iterator<PlannedOrder> orders;
    private final History history;
    private final Supplier<String> authorization;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ExecutorService customers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final List<Request> requests = new ArrayList<>();

    /** One customer's order and what became of it; {@code answers} holds every attempt's status (0: no answer). */
    static final class Request {
        final PlannedOrder planned;
        final List<Attempt> attempts = new ArrayList<>();
        volatile String orderId;
        volatile int finalStatus = -1;
        volatile boolean done;

        Request(PlannedOrder planned) {
            this.planned = planned;
        }

        Outcome expected() {
            return planned.expected();
        }

        synchronized List<Attempt> attempts() {
            return List.copyOf(attempts);
        }

        synchronized void add(Attempt attempt) {
            attempts.add(attempt);
        }
    }

    /** One HTTP attempt: when it was sent and answered, and the status (0 when nothing came back). */
    record Attempt(Instant sent, Instant answered, int status) {}

    /** {@code authorization} gives each request's {@code Authorization} header, e.g. {@code AccessTokens::header}. */
    LoadDriver(URI api, Supplier<String> authorization, Supplier<PlannedOrder> mix, History history) {
        this.api = api;
        this.authorization = authorization;
        this.history = history;
        this.orders = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public PlannedOrder next() {
                return mix.get();
            }
        };
    }

    /** Starts placing {@code perSecond} orders a second until {@link #stop()}. */
    void start(int perSecond) {
        long periodMicros = 1_000_000L / perSecond;
        clock.scheduleAtFixedRate(this::placeNext, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void placeNext() {
        var request = new Request(orders.next());
        synchronized (requests) {
            requests.add(request);
        }
        customers.submit(() -> place(request));
    }

    private void place(Request request) {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        String body = json.writeValueAsString(request.planned.body());
        int attempt = 0;
        while (true) {
            attempt++;
            Instant sent = Instant.now();
            int status = 0;
            String error = null;
            String responseBody = null;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(api.resolve("/orders"))
                                .timeout(REQUEST_TIMEOUT)
                                .header("Authorization", authorization.get())
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", request.planned.idempotencyKey())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                responseBody = response.body();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            Instant answered = Instant.now();
            request.add(new Attempt(sent, answered, status));
            if (status == 202) {
                request.orderId = json.readTree(responseBody).path("id").asString();
            }
            history.record(
                    "attempt",
                    Map.of(
                            "key", request.planned.idempotencyKey(),
                            "attempt", attempt,
                            "expected", request.expected(),
                            "status", status,
                            "orderId", String.valueOf(request.orderId),
                            "error", String.valueOf(error)));
            boolean definite = status != 0 && status < 500;
            if (definite
                    || System.nanoTime() > deadline
                    || Thread.currentThread().isInterrupted()) {
                request.finalStatus = status;
                request.done = true;
                return;
            }
            try {
                // a real client waits a moment before it asks again
                Thread.sleep(RETRY_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Places no further orders; those under way go on until they have their answer. */
    void stop() {
        clock.shutdownNow();
    }

    /** Waits for every customer to have a definite answer (or to have given up). */
    boolean awaitAnswers(Duration timeout) {
        customers.shutdown();
        try {
            return customers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
        customers.shutdownNow();
        http.close();
    }
}
