package dev.coffeeshop.intake.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another service as the operator's page sees it, on a real loopback HTTP server: {@code GET
 * /staff/orders/{id}/timeline} answers the entries a test gave for the order, 404 with a problem body for any other,
 * or, as the test says, refuses every token, fails, or holds the request without answering.
 */
final class StandInService implements AutoCloseable {

    private static final Pattern TIMELINE = Pattern.compile("/staff/orders/([0-9a-f-]{36})/timeline");
    private static final JsonMapper json = JsonMapper.builder().build();

    enum Behaviour {
        ANSWERS,
        REFUSES,
        FAILS,
        /** Holds every request until the server stops: a service that stopped answering. */
        HANGS
    }

    private final String service;
    private final HttpServer server;
    private final Map<UUID, List<Map<String, Object>>> entries = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Behaviour behaviour = Behaviour.ANSWERS;

    StandInService(String service) {
        this.service = service;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** The service recorded {@code steps} about {@code order}, one at each of the given instants. */
    void recorded(UUID order, Map<String, Instant> steps) {
        var list = new ArrayList<Map<String, Object>>();
        steps.forEach((step, at) -> list.add(Map.of(
                "at",
                at.toString(),
                "service",
                service,
                "step",
                step,
                "summary",
                service + " did " + step,
                "unknownField",
                "ignored by a tolerant reader")));
        entries.put(order, list);
    }

    /** The Authorization headers it was sent, in order. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Matcher timeline = TIMELINE.matcher(exchange.getRequestURI().getPath());
            switch (behaviour) {
                case REFUSES -> send(exchange, 403, "application/problem+json", "{\"status\":403}");
                case FAILS -> send(exchange, 503, "application/problem+json", "{\"status\":503}");
                case HANGS -> {
                    try {
                        stopped.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case ANSWERS -> {
                    var known = timeline.matches() ? entries.get(UUID.fromString(timeline.group(1))) : null;
                    if (known == null) {
                        send(exchange, 404, "application/problem+json", "{\"status\":404}");
                    } else {
                        send(
                                exchange,
                                200,
                                "application/json",
                                json.writeValueAsString(
                                        Map.of("orderId", timeline.group(1), "service", service, "entries", known)));
                    }
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
    }
}
