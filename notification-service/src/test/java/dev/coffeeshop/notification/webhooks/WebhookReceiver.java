package dev.coffeeshop.notification.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP receiver of webhooks, as a customer would run one: it verifies each signature as {@code docs/webhooks.md}
 * says, and can be told to fail (503), be slow (past the sender's timeout) or reset the connection.
 */
final class WebhookReceiver implements AutoCloseable {

    enum Behaviour {
        OK,
        UNAVAILABLE,
        SLOW,
        RESET
    }

    /** One request as received; {@code answered} is the status sent, or 0 when the connection was dropped. */
    record Received(String deliveryId, String kind, boolean signatureValid, int answered, Instant at) {}

    private final HttpServer server;
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration slowness;
    private volatile Behaviour afterScript = Behaviour.OK;
    private volatile String secret;

    WebhookReceiver(Duration slowness) throws IOException {
        this.slowness = slowness;
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://localhost:" + port() + "/hooks";
    }

    void useSecret(String secret) {
        this.secret = secret;
    }

    /** The next requests behave as listed, one each; then every request behaves as {@code afterwards}. */
    synchronized void script(List<Behaviour> first, Behaviour afterwards) {
        script.clear();
        script.addAll(first);
        afterScript = afterwards;
    }

    void always(Behaviour behaviour) {
        script(List.of(), behaviour);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests answered 2xx with a valid signature: what the receiver acted on. */
    List<Received> accepted() {
        return received.stream()
                .filter(r -> r.signatureValid() && r.answered() == 204)
                .toList();
    }

    /** How often each kind was accepted. */
    Map<String, Long> acceptedKinds() {
        return accepted().stream().collect(Collectors.groupingBy(Received::kind, Collectors.counting()));
    }

    private synchronized Behaviour next() {
        return script.isEmpty() ? afterScript : script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String deliveryId = exchange.getRequestHeaders().getFirst("Coffeeshop-Delivery-Id");
        boolean valid = verify(exchange.getRequestHeaders().getFirst("Coffeeshop-Signature"), body);
        JsonNode payload = json.readTree(body);
        String kind = payload.get("kind").asString();
        boolean sameId = deliveryId != null
                && deliveryId.equals(payload.get("deliveryId").asString());
        Behaviour behaviour = next();
        int status =
                switch (behaviour) {
                    case OK -> valid && sameId ? 204 : 401;
                    case UNAVAILABLE -> 503;
                    case SLOW -> {
                        sleep(slowness);
                        yield 503;
                    }
                    case RESET -> 0;
                };
        received.add(new Received(deliveryId, kind, valid && sameId, status, Instant.now()));
        if (status == 0) {
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The documented check: t within 5 minutes, v1 equal (in constant time) to HMAC(secret, t + "." + body). */
    private boolean verify(String header, byte[] body) {
        if (header == null || secret == null) {
            return false;
        }
        Map<String, String> parts = java.util.Arrays.stream(header.split(","))
                .map(p -> p.split("=", 2))
                .filter(p -> p.length == 2)
                .collect(Collectors.toMap(p -> p[0].trim(), p -> p[1].trim(), (a, b) -> a));
        long t;
        try {
            t = Long.parseLong(parts.getOrDefault("t", ""));
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
            return false;
        }
        String expected = WebhookSigner.sign(secret, t, body);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                parts.getOrDefault("v1", "").getBytes(StandardCharsets.US_ASCII));
    }

    /** The slowness this receiver injects on purpose: it stands for a receiver that takes its time to answer. */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
