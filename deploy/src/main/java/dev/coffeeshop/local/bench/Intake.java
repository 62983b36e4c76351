package dev.coffeeshop.local.bench;

import dev.coffeeshop.local.demo.Menu;
import dev.coffeeshop.local.stack.AccessTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cashier as the bench uses it: an order every customer would get (one drink the baristas can make, a card that is
 * approved) under a fresh {@code Idempotency-Key} each time, and each order's own timeline read back afterwards.
 */
final class Intake {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI api;
    private final URI management;
    private final String body;
    private final AccessTokens customer;

    private Intake(HttpClient http, URI api, URI management, String body, AccessTokens customer) {
        this.http = http;
        this.api = api;
        this.management = management;
        this.body = body;
        this.customer = customer;
    }

    /**
     * Reads the menu and settles on the first drink and size the baristas can make with the default inventory; orders
     * go with the {@code customer} client's tokens, the metrics are read from the {@code management} port.
     */
    static Intake of(HttpClient http, URI api, URI management, AccessTokens customer)
            throws IOException, InterruptedException {
        var response = http.send(
                HttpRequest.newBuilder(api.resolve("/menu")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        var menu = Menu.from(JSON.readTree(response.body()));
        var item = Map.of(
                "drink", menu.availableDrinks().get(0),
                "size", menu.sizes().get(0),
                "quantity", 1,
                "options", List.of());
        String body = JSON.writeValueAsString(
                Map.of("customerName", "Bench", "paymentToken", "tok_approve", "items", List.of(item)));
        return new Intake(http, api, management, body, customer);
    }

    HttpRequest placeOrder() {
        return HttpRequest.newBuilder(api.resolve("/orders"))
                .timeout(TIMEOUT)
                .header("Authorization", customer.header())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The liveness probe on the API's own server, where customers' requests are served. */
    HttpRequest liveness() {
        return HttpRequest.newBuilder(api.resolve("/livez")).timeout(TIMEOUT).build();
    }

    /**
     * A counter or gauge of the intake's Prometheus scrape ({@code /actuator/prometheus} on its management port),
     * summed over its tags.
     */
    double meter(String name) throws IOException, InterruptedException {
        return meter(scrape(), name);
    }

    /** One Prometheus scrape of the intake, in the text format. */
    String scrape() throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(management.resolve("/actuator/prometheus"))
                                .timeout(TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** From Prometheus' text format: the sum of every sample of {@code name}, NaN when there is none. */
    static double meter(String scrape, String name) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum)
                .orElse(Double.NaN);
    }

    /** The id of an accepted order, from the {@code Location} the cashier answers with: no body to parse. */
    static Optional<UUID> acceptedOrder(HttpResponse<?> response) {
        if (response.statusCode() != 202) {
            return Optional.empty();
        }
        return response.headers()
                .firstValue("Location")
                .map(location -> UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
    }

    /**
     * Placed-to-ready of each order, from the times the cashier recorded in its timeline (so client-side polling adds
     * no error), read a few at a time; orders without both steps are left out.
     */
    List<Duration> placedToReady(List<UUID> orders, int concurrency) {
        var latencies = new ArrayList<Duration>();
        var permits = new Semaphore(concurrency);
        try (var readers = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<Future<Optional<Duration>>>();
            for (UUID order : orders) {
                answers.add(readers.submit(() -> {
                    permits.acquire();
                    try {
                        return placedToReady(order);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (var answer : answers) {
                try {
                    answer.get().ifPresent(latencies::add);
                } catch (Exception e) {
                    // an order that could not be read is simply not in the sample
                }
            }
        }
        return latencies;
    }

    private Optional<Duration> placedToReady(UUID order) throws IOException, InterruptedException {
        var response = http.send(
                HttpRequest.newBuilder(api.resolve("/orders/" + order))
                        .timeout(TIMEOUT)
                        .header("Authorization", customer.header())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return placedToReady(JSON.readTree(response.body()));
    }

    /** From an order's JSON: the time between its {@code PLACED} and {@code READY} steps. */
    static Optional<Duration> placedToReady(JsonNode order) {
        Instant placed = null;
        Instant ready = null;
        for (JsonNode step : order.path("timeline")) {
            switch (step.path("status").asString()) {
                case "PLACED" -> placed = Instant.parse(step.path("at").asString());
                case "READY" -> ready = Instant.parse(step.path("at").asString());
                default -> {}
            }
        }
        return placed == null || ready == null ? Optional.empty() : Optional.of(Duration.between(placed, ready));
    }
}
