package dev.coffeeshop.notification.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One order as the pickup counter recorded it, read by staff over HTTP through {@code /staff/orders/{id}/timeline}:
 * what the customer was told, and a webhook whose receiver never answers, with its attempts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class StaffTimelineTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String STAFF = "Bearer " + TestIssuer.shared().staffToken();
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @LocalServerPort
    int port;

    @Test
    void showsWhatTheCustomerWasToldAndEachWebhookWithItsAttemptsInTheOrderItHappened() throws Exception {
        // given an order made, whose callback URL nobody answers
        UUID order = UUID.randomUUID();
        kafka.publish(placed(order, "http://localhost:" + closedPort() + "/hooks?token=secret"));
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));

        // when staff read its timeline once the webhooks failed
        List<JsonNode> entries = await().atMost(PATIENCE)
                .until(
                        () -> entries(timeline(order, STAFF)),
                        e -> steps(e).contains("NOTIFIED_READY_FOR_PICKUP")
                                && steps(e).stream()
                                                .filter(s -> s.equals("WEBHOOK_OWED"))
                                                .count()
                                        == 2
                                && steps(e).stream()
                                        .anyMatch(s -> s.equals("WEBHOOK_RETRYING") || s.equals("WEBHOOK_PARKED")));

        // then
        assertThat(steps(entries)).containsSubsequence("NOTIFIED_RECEIVED", "NOTIFIED_READY_FOR_PICKUP");
        assertThat(entries)
                .extracting(e -> Instant.parse(e.get("at").asString()))
                .isSorted();
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.get("service").asString()).isEqualTo("notification-service"));
        JsonNode told = entries.stream()
                .filter(e -> e.get("step").asString().equals("NOTIFIED_RECEIVED"))
                .findFirst()
                .orElseThrow();
        assertThat(told.get("detail").asString()).isEqualTo("delivered through log");
        JsonNode failing = entries.stream()
                .filter(e -> e.get("step").asString().startsWith("WEBHOOK_")
                        && !e.get("step").asString().equals("WEBHOOK_OWED"))
                .findFirst()
                .orElseThrow();
        assertThat(failing.get("summary").asString()).containsPattern("after \\d+ attempts?");
        assertThat(failing.get("detail").isNull()).as("the last error").isFalse();
        assertThat(entries).as("the receiver's URL without its query").noneSatisfy(e -> assertThat(e.toString())
                .contains("secret"));
    }

    @Test
    void answersAnOrderItNeverHeardOfWithA404Problem() throws Exception {
        // when
        var response = timeline(UUID.randomUUID(), STAFF);

        // then
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("type").asString()).endsWith("/order-not-found");
    }

    @Test
    void refusesACustomersToken() throws Exception {
        // given an order the counter knows
        UUID order = UUID.randomUUID();
        kafka.publish(placed(order, null));
        await().atMost(PATIENCE).until(() -> timeline(order, STAFF).statusCode() == 200);

        // when its own customer asks
        var response = timeline(order, "Bearer " + TestIssuer.shared().token("ada", "orders:read"));

        // then
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> timeline(UUID order, String authorization) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/staff/orders/" + order + "/timeline"))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> entries(HttpResponse<String> response) {
        var entries = new ArrayList<JsonNode>();
        if (response.statusCode() == 200) {
            json.readTree(response.body()).get("entries").forEach(entries::add);
        }
        return entries;
    }

    private static List<String> steps(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("step").asString()).toList();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static OrderPlaced placed(UUID order, String callbackUrl) {
        return new OrderPlaced(
                UUID.randomUUID(),
                order,
                Instant.now(),
                "Ada",
                List.of(new LineItem("latte", "large", 1, List.of())),
                490,
                "EUR",
                callbackUrl);
    }
}
