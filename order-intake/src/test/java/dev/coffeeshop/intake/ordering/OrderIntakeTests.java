package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.intake.AdjustableClock;
import dev.coffeeshop.intake.payment.SandboxPaymentGateway;
import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.outbox.OutboxRelay;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The cashier on a real broker and database: the API, the outbox, and the baristas' outcomes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderIntakeTests {

    static final TestKafka kafka = TestKafka.shared();
    /** A customer's token: place, read and cancel orders. */
    static final String CUSTOMER =
            "Bearer " + TestIssuer.shared().token("customer", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SandboxPaymentGateway payments;

    @Autowired
    OutboxRelay relay;

    @Autowired
    AdjustableClock clock;

    @Autowired
    IdempotencyKeyCleanup keyCleanup;

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void acceptsAPaidOrderAndAnnouncesIt() throws Exception {
        // given
        String name = unique("Ada");

        // when
        var response = post(order(name, "tok_approve", "latte", "medium", 2, "\"oat-milk\""), null);

        // then
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(response.headers().firstValue("Location")).hasValue("/orders/" + id);
        assertThat(body.get("status").asString()).isEqualTo("PLACED");
        assertThat(body.get("totalCents").asLong()).isEqualTo((380 + 50) * 2);
        assertThat(body.get("timeline").get(0).get("status").asString()).isEqualTo("PLACED");
        assertThat(json.readTree(get("/orders/" + id).body())).isEqualTo(body);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .singleElement()
                .isInstanceOfSatisfying(OrderPlaced.class, placed -> {
                    assertThat(placed.customerName()).isEqualTo(name);
                    assertThat(placed.customer())
                            .as("the owner, from the token")
                            .isEqualTo("customer");
                    assertThat(placed.totalCents()).isEqualTo(860);
                    assertThat(placed.items()).singleElement().satisfies(item -> assertThat(item.options())
                            .containsExactly("oat-milk"));
                }));
        var record = kafka.records(Topics.ORDERS, id.toString()).getFirst();
        assertThat(TestKafka.header(record, "ce_type")).isEqualTo("coffeeshop.order.placed.v1");
        assertThat(TestKafka.header(record, "ce_subject")).isEqualTo(id.toString());
        assertThat(TestKafka.header(record, "ce_source")).isEqualTo("/order-intake");
    }

    @Test
    void showsAnOrderWithItsTimeline() throws Exception {
        // given
        UUID id = placedOrder(unique("Bo"));

        // when
        var response = get("/orders/" + id);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("PLACED");
        assertThat(body.get("timeline").get(0).get("at").asString()).isNotBlank();
    }

    @Test
    void answersADeclinedPaymentWith402AndKeepsNothing() throws Exception {
        // given
        String name = unique("Cy");

        // when
        var response = post(order(name, "tok_decline", "espresso", "small", 1, ""), null);

        // then
        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).endsWith("/payment-declined");
        assertThat(problem.get("code").asString()).isEqualTo("card_declined");
        assertThat(ordersNamed(name)).isZero();
    }

    @Test
    void returnsTheSameOrderForARetryWithTheSameIdempotencyKey() throws Exception {
        // given
        String name = unique("Di");
        String key = UUID.randomUUID().toString();
        String body = order(name, "tok_approve", "cappuccino", "large", 1, "");

        // when
        var first = post(body, key);
        var retry = post(body, key);

        // then
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(json.readTree(retry.body()).get("id"))
                .isEqualTo(json.readTree(first.body()).get("id"));
        assertThat(ordersNamed(name)).isOne();
    }

    @Test
    void refusesAnIdempotencyKeyReusedForADifferentOrder() throws Exception {
        // given
        String key = UUID.randomUUID().toString();
        post(order(unique("Ed"), "tok_approve", "latte", "small", 1, ""), key);

        // when
        var response = post(order(unique("Ed"), "tok_approve", "mocha", "small", 1, ""), key);

        // then
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json.readTree(response.body()).get("type").asString()).endsWith("/idempotency-key-reused");
    }

    @Test
    void createsExactlyOneOrderForThreeConcurrentRetriesWithOneIdempotencyKey() throws Exception {
        // given
        String name = unique("Dot");
        String key = UUID.randomUUID().toString();
        String body = order(name, "tok_approve", "flat-white", "small", 1, "");
        var start = new CountDownLatch(1);

        // when
        List<HttpResponse<String>> responses;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(clients.submit(() -> {
                    start.await();
                    return post(body, key);
                }));
            }
            start.countDown();
            responses = new ArrayList<>();
            for (var response : sent) {
                responses.add(response.get());
            }
        }
        var different = post(order(name, "tok_approve", "flat-white", "large", 1, ""), key);

        // then
        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(202, 202, 202);
        assertThat(responses)
                .extracting(r -> json.readTree(r.body()).get("id").asString())
                .containsOnly(
                        json.readTree(responses.getFirst().body()).get("id").asString());
        assertThat(ordersNamed(name)).isOne();
        assertThat(different.statusCode()).isEqualTo(422);
        assertThat(ordersNamed(name)).isOne();
    }

    @Test
    void placesANewOrderWhenTheIdempotencyKeyHasExpired() throws Exception {
        // given
        String key = UUID.randomUUID().toString();
        String name = unique("Eve");
        var first = post(order(name, "tok_approve", "latte", "small", 1, ""), key);
        clock.advance(Duration.ofHours(25));

        // when: the same key, once with another body (no 422 any more), then a retry of that
        var afterExpiry = post(order(name, "tok_approve", "mocha", "small", 1, ""), key);
        var retry = post(order(name, "tok_approve", "mocha", "small", 1, ""), key);

        // then
        assertThat(afterExpiry.statusCode()).isEqualTo(202);
        String newId = json.readTree(afterExpiry.body()).get("id").asString();
        assertThat(newId).isNotEqualTo(json.readTree(first.body()).get("id").asString());
        assertThat(json.readTree(retry.body()).get("id").asString()).isEqualTo(newId);
        assertThat(ordersNamed(name)).isEqualTo(2);
        var ledger = new SandboxLedger(jdbc);
        assertThat(ledger.paymentOf(UUID.fromString(newId)))
                .as("the new order has an authorization of its own")
                .isNotEqualTo(ledger.paymentOf(
                        UUID.fromString(json.readTree(first.body()).get("id").asString())));
    }

    @Test
    void keepsAnIdempotencyKeyJustInsideItsRetention() throws Exception {
        // given
        String key = UUID.randomUUID().toString();
        String body = order(unique("Fay"), "tok_approve", "latte", "small", 1, "");
        var first = post(body, key);
        backdateKey(key, Duration.ofHours(23));

        // when
        var retry = post(body, key);

        // then
        assertThat(json.readTree(retry.body()).get("id"))
                .isEqualTo(json.readTree(first.body()).get("id"));
    }

    @Test
    void deletesExpiredIdempotencyKeysAndKeepsLiveOnes() throws Exception {
        // given
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        post(order(unique("Gil"), "tok_approve", "latte", "small", 1, ""), expired);
        post(order(unique("Gil"), "tok_approve", "latte", "small", 1, ""), live);
        backdateKey(expired, Duration.ofHours(25));

        // when
        int deleted = keyCleanup.deleteExpired();

        // then
        assertThat(deleted).isPositive();
        assertThat(keyStored(expired)).isFalse();
        assertThat(keyStored(live)).isTrue();
    }

    @Test
    void namesTheLineThatIsNotOnTheMenu() throws Exception {
        // when
        var response = post(order(unique("Fa"), "tok_approve", "babyccino", "small", 1, ""), null);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("items[0].drink");
        assertThat(error.get("message").asString()).contains("babyccino");
    }

    @Test
    void refusesFieldsOnlyTheShopMaySet() throws Exception {
        // given
        String body = """
                {"customerName":"Gus","paymentToken":"tok_approve","status":"READY","totalCents":1,
                 "items":[{"drink":"latte","size":"small","quantity":1}]}""";

        // when
        var response = post(body, null);

        // then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ordersNamed("Gus")).isZero();
    }

    @Test
    void refusesInvalidRequestsWithAProblemNamingTheField() throws Exception {
        // when
        var zero = post(order(unique("Hal"), "tok_approve", "latte", "small", 0, ""), null);
        var control = post(order("Hal\\u0007", "tok_approve", "latte", "small", 1, ""), null);
        var malformed = post("{\"customerName\": ", null);
        var text = http.send(
                HttpRequest.newBuilder(uri("/orders"))
                        .header("Authorization", CUSTOMER)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("one latte please"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json.readTree(zero.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("items[0].quantity");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(json.readTree(control.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("customerName");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void refusesBodiesBeyondTheRequestLimitsWithAProblemAndTakesTheLargestOrder() throws Exception {
        // given
        String duplicated = unique("Ivy");
        String oversized = unique("Jo");
        String largest = unique("Kim");
        var item = """
                {"drink":"flat-white","size":"large","quantity":20,"options":["oat-milk","extra-shot","vanilla-syrup","decaf"]}""";
        var twentyItems = """
                {"customerName":"%s","paymentToken":"tok_approve","items":[%s]}""".formatted(largest, String.join(",", Collections.nCopies(20, item)));

        // when
        var duplicate = post(
                order(duplicated, "tok_approve", "latte", "small", 1, "")
                        .replace("\"paymentToken\"", "\"customerName\":\"Eve\",\"paymentToken\""),
                null);
        var tooLarge =
                post(order(oversized, "tok_approve", "latte", "small", 1, "\"" + "x".repeat(70_000) + "\""), null);
        var big = post(twentyItems, null);

        // then
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(duplicate.body()).get("detail").asString()).contains("customerName");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ordersNamed(duplicated) + ordersNamed(oversized)).isZero();
        assertThat(big.statusCode()).as(big.body()).isEqualTo(202);
    }

    @Test
    void announcesTheCallbackUrlTheCustomerGaveAndCountsItAsPartOfTheRequest() throws Exception {
        // given
        String name = unique("Eve");
        String key = UUID.randomUUID().toString();
        String body =
                withCallback(order(name, "tok_approve", "latte", "small", 1, ""), "https://eve.example/hooks?o=1");

        // when
        var placed = post(body, key);
        var retried = post(body, key);
        var elsewhere =
                post(withCallback(order(name, "tok_approve", "latte", "small", 1, ""), "https://x.example/"), key);

        // then
        assertThat(placed.statusCode()).isEqualTo(202);
        UUID id = UUID.fromString(json.readTree(placed.body()).get("id").asString());
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(json.readTree(retried.body()).get("id").asString()).isEqualTo(id.toString());
        assertThat(elsewhere.statusCode())
                .as("another callback is another request")
                .isEqualTo(422);
        assertThat(jdbc.sql("SELECT callback_url FROM orders WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("https://eve.example/hooks?o=1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .singleElement()
                .isInstanceOfSatisfying(OrderPlaced.class, event -> assertThat(event.callbackUrl())
                        .isEqualTo("https://eve.example/hooks?o=1")));
    }

    @Test
    void refusesACallbackUrlThatIsNotAnAbsoluteHttpUrlNamingTheField() throws Exception {
        for (String url : List.of(
                "/hooks",
                "ftp://eve.example/hooks",
                "https://eve:secret@eve.example/hooks",
                "https://eve.example/a b",
                "https://",
                "https://eve.example/" + "x".repeat(2000))) {
            // when
            var response = post(withCallback(order(unique("Eve"), "tok_approve", "latte", "small", 1, ""), url), null);

            // then
            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(json.readTree(response.body())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .as(url)
                    .isEqualTo("callbackUrl");
        }
    }

    @Test
    void answersAnUnknownOrderWith404() throws Exception {
        var response = get("/orders/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("type").asString()).endsWith("/order-not-found");
    }

    @Test
    void marksAnOrderReadyWhenTheBaristasHaveMadeIt() throws Exception {
        // given
        String name = unique("Ida");
        UUID id = placedOrder(name);

        // when
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));

        // then
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("READY"));
        JsonNode timeline = json.readTree(get("/orders/" + id).body()).get("timeline");
        assertThat(timeline).extracting(e -> e.get("status").asString()).containsExactly("PLACED", "READY");
    }

    @Test
    void theSandboxProviderRemembersItsOperationsAcrossARestart() {
        // given a refund the provider performed
        String key = unique("refund");
        var payment = payments.authorize(SandboxPaymentGateway.APPROVE, 450, "EUR", unique("authorize"))
                .paymentId();
        payments.capture(payment, 450, unique("capture"));
        var refund = payments.refund(payment, 450, key);
        long refundsBefore = payments.refundsIssued();

        // when a freshly started provider (nothing in memory) is asked again with the same key
        var restarted = new SandboxPaymentGateway(jdbc);
        var again = restarted.refund(payment, 450, key);

        // then it answers with the first refund and issues none
        assertThat(again).isEqualTo(refund);
        assertThat(restarted.refundsIssued()).isEqualTo(refundsBefore);
    }

    @Test
    void givesTheMoneyOfAnOrderThatCannotBeMadeBackExactlyOnceHoweverOftenItHearsSo() throws Exception {
        // given
        String name = unique("Jo");
        UUID id = placedOrder(name);
        var ledger = new SandboxLedger(jdbc);
        var rejected = new OrderRejected(
                UUID.randomUUID(), id, Instant.now(), name, RejectionReason.OUT_OF_STOCK, "no pumpkin-spice");

        // when
        kafka.publish(rejected);
        kafka.publish(rejected);
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), id, Instant.now(), name, RejectionReason.OUT_OF_STOCK, "no pumpkin-spice"));

        // then
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("REFUNDED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.backlog() == 0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> kafka.events(Topics.ORDERS, id).stream().anyMatch(PaymentRefunded.class::isInstance));
        assertThat(kafka.events(Topics.ORDERS, id))
                .extracting(OrderEvent::getClass)
                .containsExactly(OrderPlaced.class, PaymentRefunded.class);
        assertThat(ledger.count(ledger.paymentOf(id), "VOID")).isOne();
        JsonNode timeline = json.readTree(get("/orders/" + id).body()).get("timeline");
        assertThat(timeline)
                .extracting(e -> e.get("status").asString())
                .containsExactly("PLACED", "REJECTED", "REFUNDED");
    }

    @Test
    void ignoresAReadyForAnOrderThatWasAlreadyRefunded() throws Exception {
        // given
        String name = unique("Kim");
        UUID id = placedOrder(name);
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), id, Instant.now(), name, RejectionReason.EQUIPMENT_FAILURE, "grinder jammed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).equals("REFUNDED"));

        // when
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));
        UUID later = placedOrder(unique("Kim"));
        kafka.publish(new OrderReady(UUID.randomUUID(), later, Instant.now(), "Kim"));

        // then: the later order's ready was processed after, on the same consumers
        await().atMost(Duration.ofSeconds(20)).until(() -> status(later).equals("READY"));
        assertThat(status(id)).isEqualTo("REFUNDED");
    }

    @Test
    void sendsAnUnreadableRecordToTheDeadLetterTopicAndKeepsGoing() throws Exception {
        // given
        String name = unique("Lu");
        UUID id = placedOrder(name);
        String dlq = Topics.deadLetter(Topics.PREPARATIONS, "order-intake");
        double deadLettered = deadLettered();

        // when
        kafka.publishRaw(
                Topics.PREPARATIONS,
                id.toString(),
                Map.of("ce_type", "coffeeshop.order.ready.v1"),
                "not json at all".getBytes(StandardCharsets.UTF_8));
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));

        // then
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("READY"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kafka.records(dlq, id.toString()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(TestKafka.header(r, "x-exception-message"))
                            .contains("not a valid coffeeshop.order.ready.v1");
                    // no dlq-partitions: the binder's default keeps the original partition
                    assertThat(r.partition())
                            .isEqualTo(ByteBuffer.wrap(r.headers()
                                            .lastHeader("x-original-partition")
                                            .value())
                                    .getInt());
                }));
        assertThat(deadLettered()).isEqualTo(deadLettered + 1);
    }

    private double deadLettered() {
        Counter counter = meters.find("coffeeshop.dlq.records")
                .tags("topic", Topics.PREPARATIONS, "group", "order-intake", "reason", "UnreadableEventException")
                .counter();
        return counter == null ? 0.0 : counter.count();
    }

    private UUID placedOrder(String name) throws Exception {
        var response = post(order(name, "tok_approve", "latte", "small", 1, ""), null);
        assertThat(response.statusCode()).isEqualTo(202);
        return UUID.fromString(json.readTree(response.body()).get("id").asString());
    }

    private String status(UUID id) throws Exception {
        return json.readTree(get("/orders/" + id).body()).get("status").asString();
    }

    /** The customer's key as it is stored: within its owner's keys. */
    private void backdateKey(String key, Duration age) {
        jdbc.sql("UPDATE idempotency_keys SET created_at = ? WHERE key = ?")
                .params(java.sql.Timestamp.from(clock.instant().minus(age)), Cashier.ownersKey("customer", key))
                .update();
    }

    private boolean keyStored(String key) {
        return jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE key = ?")
                        .param(Cashier.ownersKey("customer", key))
                        .query(Long.class)
                        .single()
                == 1;
    }

    private long ordersNamed(String name) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE customer_name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    private static String order(String name, String token, String drink, String size, int quantity, String options) {
        return """
                {"customerName":"%s","paymentToken":"%s",
                 "items":[{"drink":"%s","size":"%s","quantity":%d,"options":[%s]}]}""".formatted(name, token, drink, size, quantity, options);
    }

    @Test
    void showsAnOrderOnlyToItsOwnerAndStaffAndAnyoneElseNothingAtAll() throws Exception {
        // given Ada's order, and Bo who has the same scopes
        UUID id = UUID.fromString(json.readTree(post(order(unique("Ada"), "tok_approve", "latte", "small", 1, ""), null)
                        .body())
                .get("id")
                .asString());
        String bo = "Bearer " + TestIssuer.shared().token("bo", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);
        String staff = "Bearer " + TestIssuer.shared().staffToken();

        // when
        var bosLook = send(HttpRequest.newBuilder(uri("/orders/" + id)).header("Authorization", bo));
        var bosCancel = send(HttpRequest.newBuilder(uri("/orders/" + id + "/cancel"))
                .header("Authorization", bo)
                .POST(HttpRequest.BodyPublishers.noBody()));
        var missing =
                send(HttpRequest.newBuilder(uri("/orders/" + UUID.randomUUID())).header("Authorization", bo));
        var staffLook = send(HttpRequest.newBuilder(uri("/orders/" + id)).header("Authorization", staff));

        // then Bo learns nothing, not even that the order exists, and changes nothing
        assertThat(bosLook.statusCode()).isEqualTo(404);
        assertThat(bosCancel.statusCode()).isEqualTo(404);
        assertThat(strip(bosLook.body())).isEqualTo(strip(missing.body()));
        assertThat(json.readTree(get("/orders/" + id).body()).get("status").asString())
                .isEqualTo("PLACED");
        assertThat(staffLook.statusCode()).isEqualTo(200);
    }

    @Test
    void keepsEachCustomersIdempotencyKeysApart() throws Exception {
        // given the same key and the same body from two customers
        String key = "shared-" + UUID.randomUUID();
        String body = order(unique("Cy"), "tok_approve", "latte", "small", 1, "");
        String bo = "Bearer " + TestIssuer.shared().token("bo", Scopes.PLACE, Scopes.READ);

        // when
        var mine = post(body, key);
        var theirs = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Authorization", bo)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        var mineAgain = post(body, key);

        // then each got an order of their own, and a retry still gets its own back
        String myOrder = json.readTree(mine.body()).get("id").asString();
        assertThat(theirs.statusCode()).isEqualTo(202);
        assertThat(json.readTree(theirs.body()).get("id").asString()).isNotEqualTo(myOrder);
        assertThat(json.readTree(mineAgain.body()).get("id").asString()).isEqualTo(myOrder);
    }

    /** A problem body without the ids it names, to compare the answers for two different orders. */
    private static String strip(String problem) {
        return problem.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String withCallback(String order, String callbackUrl) {
        return order.replace("\"items\"", "\"callbackUrl\":\"" + callbackUrl + "\",\"items\"");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(uri("/orders"))
                .header("Authorization", CUSTOMER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", CUSTOMER)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
