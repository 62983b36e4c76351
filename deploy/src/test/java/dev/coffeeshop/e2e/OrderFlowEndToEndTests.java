package dev.coffeeshop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.local.stack.AccessTokens;
import dev.coffeeshop.local.stack.DatabaseConnection;
import dev.coffeeshop.local.stack.LocalStack;
import dev.coffeeshop.local.stack.Service;
import dev.coffeeshop.local.stack.StackSettings;
import dev.coffeeshop.testsupport.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole shop as it runs in production: a KRaft broker, PostgreSQL (the stack's own, or containers: see
 * {@link TestStacks}), and the three services as separate processes
 * started from their jars, driven only through their public APIs and topics.
 */
class OrderFlowEndToEndTests {

    static final Duration FLOW = Duration.ofSeconds(60);
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final EventCodec codec = new EventCodec();

    @TempDir
    static Path data;

    static LocalStack stack;
    /** The tools' client of the stack's identity provider: every order and every look at one carries its token. */
    static AccessTokens tokens;

    static TestKafka kafka;

    @BeforeAll
    static void startTheShop() {
        Path root = Path.of("").toAbsolutePath().getParent();
        stack = LocalStack.start(TestStacks.withTestInfrastructure(StackSettings.defaults(root)
                .withDataDirectory(data)
                .onFreePorts()
                .withServiceEnvironment(Map.of("COFFEESHOP_BARISTA_PREPARATION_TIME", "20ms"))));
        tokens = stack.toolsTokens(http);
        kafka = new TestKafka(stack.kafkaBootstrapServers(), stack.kafkaToolsSettings());
    }

    @AfterAll
    static void stopTheShop() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anOrderIsMadeAndTheCustomerIsCalled() throws Exception {
        // given
        String name = unique("Ada");

        // when
        UUID id = place(name, "tok_approve", "latte", null).id();

        // then
        await().atMost(FLOW).until(() -> status(id).equals("READY"));
        await().atMost(FLOW).until(() -> notificationKinds(id).equals(List.of("RECEIVED", "READY_FOR_PICKUP")));
        assertThat(timeline(id)).containsExactly("PLACED", "READY");
    }

    @Test
    void anOrderThatCannotBeMadeIsRefundedAndTheCustomerTold() throws Exception {
        // given
        String name = unique("Bo");

        // when
        UUID id = place(name, "tok_approve", "pumpkin-spice-latte", null).id();

        // then
        await().atMost(FLOW).until(() -> status(id).equals("REFUNDED"));
        await().atMost(FLOW).until(() -> notificationKinds(id).equals(List.of("RECEIVED", "REFUNDED")));
        assertThat(timeline(id)).containsExactly("PLACED", "REJECTED", "REFUNDED");
    }

    @Test
    void aDeclinedPaymentIsAnsweredAtOnceAndPublishesNothing() throws Exception {
        // given
        String name = unique("Cy");

        // when
        var response = post(order(name, "tok_decline", "espresso"), null);
        UUID later = place(unique("Cy"), "tok_approve", "espresso", null).id();
        await().atMost(FLOW).until(() -> status(later).equals("READY"));

        // then
        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(json.readTree(response.body()).get("type").asString()).endsWith("/payment-declined");
        assertThat(kafka.records(Topics.ORDERS, null))
                .map(r -> codec.read(TestKafka.headers(r), r.value()))
                .filteredOn(OrderPlaced.class::isInstance)
                .map(e -> ((OrderPlaced) e).customerName())
                .contains(customerNameOf(later))
                .doesNotContain(name);
    }

    @Test
    void aDuplicatedOrderPlacedIsPreparedOnce() throws Exception {
        // given an order that was made
        UUID id = place(unique("Di"), "tok_approve", "mocha", null).id();
        await().atMost(FLOW).until(() -> status(id).equals("READY"));
        var original = (OrderPlaced) kafka.events(Topics.ORDERS, id).getFirst();
        long chocolate = stock("chocolate");

        // when the same fact arrives again, and once more under a new event id
        kafka.publish(original);
        kafka.publish(new OrderPlaced(
                UUID.randomUUID(),
                id,
                Instant.now(),
                original.customerName(),
                original.items(),
                original.totalCents(),
                original.currency()));

        // then once the baristas have consumed past both copies, the drink was made once
        await().atMost(FLOW).until(() -> baristasConsumedEverythingFor(id));
        assertThat(kafka.events(Topics.PREPARATIONS, id)).singleElement().isInstanceOf(OrderReady.class);
        assertThat(stock("chocolate")).isEqualTo(chocolate);
        assertThat(notificationKinds(id)).containsExactly("RECEIVED", "READY_FOR_PICKUP");
    }

    @Test
    void retriesWithOneIdempotencyKeyCreateOneOrder() throws Exception {
        // given
        String name = unique("Ed");
        String key = UUID.randomUUID().toString();
        String body = order(name, "tok_approve", "flat-white");

        // when three retries race each other
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(3)) {
            List<Callable<HttpResponse<String>>> retries =
                    List.of(() -> post(body, key), () -> post(body, key), () -> post(body, key));
            for (Future<HttpResponse<String>> f : pool.invokeAll(retries)) {
                responses.add(f.get());
            }
        }

        // then
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
        assertThat(responses)
                .extracting(r -> json.readTree(r.body()).get("id").asString())
                .containsOnly(
                        json.readTree(responses.getFirst().body()).get("id").asString());
        UUID id = UUID.fromString(
                json.readTree(responses.getFirst().body()).get("id").asString());
        await().atMost(FLOW).until(() -> status(id).equals("READY"));
        assertThat(kafka.events(Topics.ORDERS, id))
                .filteredOn(OrderPlaced.class::isInstance)
                .hasSize(1);
        assertThat(count(Service.ORDER_INTAKE, "SELECT count(*) FROM orders WHERE customer_name = ?", name))
                .isOne();
    }

    @Test
    void readinessShowsWhatWaitsInEachOutboxOnTheManagementPort() throws Exception {
        for (Service publisher : List.of(Service.ORDER_INTAKE, Service.BARISTA_WORKER)) {
            // when
            JsonNode readiness = json.readTree(http.send(
                            HttpRequest.newBuilder(
                                            URI.create(stack.managementUrl(publisher) + "/actuator/health/readiness"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());

            // then
            assertThat(readiness.get("status").asString())
                    .as(publisher.moduleName())
                    .isEqualTo("UP");
            JsonNode outbox = readiness.get("components").get("outbox").get("details");
            assertThat(outbox.get("backlog").isNumber())
                    .as(publisher.moduleName())
                    .isTrue();
            assertThat(outbox.get("relay").asString())
                    .as(publisher.moduleName())
                    .isEqualTo("publishing");
        }
    }

    private record Placed(UUID id) {}

    private Placed place(String name, String token, String drink, String key) throws Exception {
        var response = post(order(name, token, drink), key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return new Placed(
                UUID.fromString(json.readTree(response.body()).get("id").asString()));
    }

    private static String order(String name, String token, String drink) {
        return """
                {"customerName":"%s","paymentToken":"%s",
                 "items":[{"drink":"%s","size":"medium","quantity":1,"options":[]}]}""".formatted(name, token, drink);
    }

    private static HttpResponse<String> post(String body, String key) throws Exception {
        var request = HttpRequest.newBuilder(url(Service.ORDER_INTAKE, "/orders"))
                .header("Authorization", tokens.header())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(Service service, String path) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(url(service, path))
                        .header("Authorization", tokens.header())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String status(UUID id) throws Exception {
        return get(Service.ORDER_INTAKE, "/orders/" + id).get("status").asString();
    }

    private static List<String> timeline(UUID id) throws Exception {
        var statuses = new ArrayList<String>();
        get(Service.ORDER_INTAKE, "/orders/" + id)
                .get("timeline")
                .forEach(e -> statuses.add(e.get("status").asString()));
        return statuses;
    }

    private static List<String> notificationKinds(UUID id) throws Exception {
        var kinds = new ArrayList<String>();
        get(Service.NOTIFICATION_SERVICE, "/orders/" + id + "/notifications")
                .get("notifications")
                .forEach(n -> kinds.add(n.get("kind").asString()));
        return kinds;
    }

    /** The barista-worker group's committed offset is past every record of this order on the orders topic. */
    private static boolean baristasConsumedEverythingFor(UUID id) {
        return kafka.consumedPast("barista-worker", kafka.records(Topics.ORDERS, id.toString()));
    }

    private static long stock(String ingredient) throws Exception {
        return count(Service.BARISTA_WORKER, "SELECT quantity FROM inventory WHERE ingredient = ?", ingredient);
    }

    private static long count(Service service, String sql, String parameter) throws Exception {
        DatabaseConnection db = stack.database(service);
        try (var connection = DriverManager.getConnection(db.url(), db.username(), db.password());
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (var rs = statement.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static URI url(Service service, String path) {
        return URI.create(stack.baseUrl(service) + path);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String customerNameOf(UUID id) throws Exception {
        return get(Service.ORDER_INTAKE, "/orders/" + id).get("customerName").asString();
    }
}
