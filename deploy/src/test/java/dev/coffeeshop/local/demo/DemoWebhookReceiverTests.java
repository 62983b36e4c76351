package dev.coffeeshop.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoWebhookReceiverTests {

    static final String SECRET = "demo-secret";

    final HttpClient http = HttpClient.newHttpClient();
    final DemoWebhookReceiver receiver = new DemoWebhookReceiver(0, "localhost", SECRET, Clock.systemUTC());

    DemoWebhookReceiverTests() throws Exception {}

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void countsASignedNotificationOnceAndDropsItsDuplicate() throws Exception {
        // given
        String order = UUID.randomUUID().toString();
        String delivery = UUID.randomUUID().toString();
        byte[] body = body(order, "RECEIVED", delivery);

        // when
        int first = post(delivery, body, signature(now(), body));
        int again = post(delivery, body, signature(now(), body));

        // then
        assertThat(first).isEqualTo(204);
        assertThat(again).as("acknowledged, so the sender stops").isEqualTo(204);
        assertThat(receiver.toldTo(List.of(order)).get(order).kinds()).isEqualTo(Map.of("RECEIVED", 1));
        assertThat(receiver.duplicates()).isEqualTo(1);
    }

    @Test
    void refusesAForgedOrStaleSignature() throws Exception {
        // given
        String order = UUID.randomUUID().toString();
        byte[] body = body(order, "READY_FOR_PICKUP", UUID.randomUUID().toString());

        // when
        int forged = post(UUID.randomUUID().toString(), body, "t=" + now() + ",v1=" + "0".repeat(64));
        int stale = post(UUID.randomUUID().toString(), body, signature(now() - 301, body));
        int unsigned = post(UUID.randomUUID().toString(), body, null);

        // then
        assertThat(List.of(forged, stale, unsigned)).containsOnly(401);
        assertThat(receiver.badSignatures()).isEqualTo(3);
        assertThat(receiver.toldTo(List.of(order)).get(order).kinds()).isEmpty();
    }

    @Test
    void acceptsADeliverySignedUnderTwoKeysWhenOneIsItsSecret() throws Exception {
        // given: the service is rotating its key; this receiver has the old secret, or the new one
        String order = UUID.randomUUID().toString();
        byte[] body = body(order, "RECEIVED", UUID.randomUUID().toString());
        long t = now();
        String other = DemoWebhookReceiver.sign("another-secret", Long.toString(t), body);
        String mine = DemoWebhookReceiver.sign(SECRET, Long.toString(t), body);

        // when
        int oldFirst = post(UUID.randomUUID().toString(), body, "t=" + t + ",v1=" + mine + ",v1=" + other);
        int newFirst = post(UUID.randomUUID().toString(), body, "t=" + t + ",v1=" + other + ",v1=" + mine);
        int neither = post(UUID.randomUUID().toString(), body, "t=" + t + ",v1=" + other + ",v1=" + other);

        // then
        assertThat(List.of(oldFirst, newFirst)).containsOnly(204);
        assertThat(neither).isEqualTo(401);
    }

    private int post(String delivery, byte[] body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("Content-Type", "application/json")
                .header("Coffeeshop-Delivery-Id", delivery)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("Coffeeshop-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String signature(long t, byte[] body) {
        return "t=" + t + ",v1=" + DemoWebhookReceiver.sign(SECRET, Long.toString(t), body);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static byte[] body(String order, String kind, String delivery) {
        return """
                {"deliveryId":"%s","orderId":"%s","kind":"%s","message":"hi"}""".formatted(delivery, order, kind).getBytes(StandardCharsets.UTF_8);
    }
}
