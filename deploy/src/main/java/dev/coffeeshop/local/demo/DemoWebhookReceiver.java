package dev.coffeeshop.local.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's own webhook receiver ({@code demo --webhooks PORT}): verifies each signature as {@code docs/webhooks.md}
 * says, drops a delivery it has seen before by its delivery id, and counts what it was told per order. The
 * notification service must allow-list it ({@code COFFEESHOP_NOTIFICATION_WEBHOOKS_ALLOWEDHOSTS=localhost:PORT},
 * or the name it reaches this machine by from a container, {@code --webhooks-host}).
 */
final class DemoWebhookReceiver implements AutoCloseable {

    /** What one order was told: kind to the number of distinct deliveries of it. */
    record Told(Map<String, Integer> kinds) {}

    private final HttpServer server;
    private final String host;
    private final String secret;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, String> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> told = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();

    /**
     * Listens on {@code port} (0: any) of every interface and names itself {@code host} in its URL; {@code secret}
     * null leaves signatures unchecked.
     */
    DemoWebhookReceiver(int port, String host, String secret, Clock clock) throws IOException {
        this.host = host;
        this.secret = secret;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks", this::handle);
        server.start();
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/hooks";
    }

    boolean verifiesSignatures() {
        return secret != null;
    }

    /** The notifications each of {@code orderIds} received, once each after dropping duplicates. */
    Map<String, Told> toldTo(Collection<String> orderIds) {
        Map<String, Told> result = new HashMap<>();
        for (String order : orderIds) {
            result.put(order, new Told(Map.copyOf(told.getOrDefault(order, Map.of()))));
        }
        return result;
    }

    int duplicates() {
        return duplicates.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (secret != null && !valid(exchange.getRequestHeaders().getFirst("Coffeeshop-Signature"), body)) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String deliveryId = exchange.getRequestHeaders().getFirst("Coffeeshop-Delivery-Id");
            JsonNode payload = json.readTree(body);
            String order = payload.path("orderId").asString();
            String kind = payload.path("kind").asString();
            if (deliveryId == null || deliveries.putIfAbsent(deliveryId, order) != null) {
                duplicates.incrementAndGet();
            } else {
                told.computeIfAbsent(order, o -> new ConcurrentHashMap<>()).merge(kind, 1, Integer::sum);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /**
     * t within 5 minutes of now, and one of the v1 values (two while the service rotates its key) equal in constant
     * time to hex HMAC-SHA256(secret, t + "." + body).
     */
    boolean valid(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String t = null;
        var signatures = new ArrayList<String>();
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                t = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(pair[1]);
            }
        }
        if (t == null || signatures.isEmpty()) {
            return false;
        }
        try {
            if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(t)) > 300) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] expected = sign(secret, t, body).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    static String sign(String secret, String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
