package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventCodec;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.OrderCancelled;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.intake.AdjustableClock;
import dev.coffeeshop.intake.IntakeProperties;
import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga of an order on a real broker and database, with the baristas played by records on their topic: payment
 * authorized then captured, voided when the order cannot be made, cancellations that win and lose the race, and the
 * deadline. See {@code docs/order-states.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SagaTests {

    static final TestKafka kafka = TestKafka.shared();
    /** A customer's token: place, read and cancel orders. */
    static final String CUSTOMER =
            "Bearer " + TestIssuer.shared().token("customer", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final Duration FLOW = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    AdjustableClock clock;

    @Autowired
    Deadlines deadlines;

    @Autowired
    IntakeProperties properties;

    SandboxLedger ledger;

    @BeforeEach
    void readTheLedger() {
        ledger = new SandboxLedger(jdbc);
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void authorizesAnOrderWhenItIsPlacedAndCapturesItWhenItIsReady() throws Exception {
        // given
        String name = unique("Ada");
        JsonNode placed = place(name);
        UUID id = id(placed);
        assertThat(placed.get("payment").asString()).isEqualTo("AUTHORIZED");
        double endedReady = ended("ready");

        // when
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));

        // then
        await().atMost(FLOW).until(() -> payment(id).equals("CAPTURED"));
        assertThat(status(id)).isEqualTo("READY");
        await().atMost(FLOW).until(() -> ended("ready") == endedReady + 1);
        String paymentId = ledger.paymentOf(id);
        assertThat(ledger.count(paymentId, "CAPTURE")).isOne();
        assertThat(ledger.count(paymentId, "VOID")).isZero();
        assertThat(ledger.count(paymentId, "REFUND")).isZero();
    }

    @Test
    void voidsTheAuthorizationOfAnOrderThatIsOutOfStock() throws Exception {
        // given
        String name = unique("Bo");
        UUID id = id(place(name));
        double endedRefunded = ended("refunded");

        // when
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), id, Instant.now(), name, RejectionReason.OUT_OF_STOCK, "no oat-milk"));

        // then
        await().atMost(FLOW).until(() -> status(id).equals("REFUNDED"));
        await().atMost(FLOW).until(() -> ended("refunded") == endedRefunded + 1);
        assertThat(payment(id)).isEqualTo("VOIDED");
        String paymentId = ledger.paymentOf(id);
        assertThat(ledger.count(paymentId, "VOID")).isOne();
        assertThat(ledger.count(paymentId, "CAPTURE")).isZero();
        assertThat(steps(id)).containsExactly("PLACED", "REJECTED", "REFUNDED");
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .filteredOn(PaymentRefunded.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((PaymentRefunded) e).reason()).isEqualTo("OUT_OF_STOCK")));
    }

    @Test
    void announcesEachRefundInTheTraceOfTheOutcomeThatCalledForIt() throws Exception {
        // given: two orders the baristas rejected, each rejection written in a trace of its own
        var traces = new HashMap<UUID, String>();
        for (int i = 0; i < 2; i++) {
            traces.put(id(place(unique("Cy"))), UUID.randomUUID().toString().replace("-", ""));
        }

        // when: the cashier learns them (often in one poll, applied in one transaction), and the voids it decided run
        // later, from its table
        traces.forEach((id, trace) -> {
            var rejected = new OrderRejected(
                    UUID.randomUUID(), id, Instant.now(), "Cy", RejectionReason.OUT_OF_STOCK, "no oat-milk");
            var headers = new HashMap<>(CloudEventHeaders.of(rejected, "/tests"));
            headers.put("traceparent", "00-" + trace + "-00f067aa0ba902b7-01");
            kafka.publishRaw(Topics.PREPARATIONS, id.toString(), headers, new EventCodec().toJson(rejected));
        });

        // then: each order's refund announcement carries its own rejection's trace on
        traces.forEach((id, trace) -> await().atMost(FLOW).untilAsserted(() -> assertThat(
                        kafka.records(Topics.ORDERS, id.toString()))
                .filteredOn(r -> EventType.PAYMENT_REFUNDED.ceType().equals(TestKafka.header(r, "ce_type")))
                .singleElement()
                .satisfies(r -> assertThat(TestKafka.header(r, "traceparent")).startsWith("00-" + trace + "-"))));
    }

    @Test
    void cancelsAnOrderTheBaristasHaveNotStartedAndNeverChargesIt() throws Exception {
        // given
        String name = unique("Cy");
        UUID id = id(place(name));
        double endedCancelled = ended("cancelled");

        // when the customer cancels, twice
        var first = post("/orders/" + id + "/cancel", "");
        var again = post("/orders/" + id + "/cancel", "");

        // then it is asked of the baristas, once
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(first.body()).get("status").asString()).isEqualTo("CANCEL_REQUESTED");
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.CANCELLATIONS, id))
                .singleElement()
                .isInstanceOfSatisfying(CancellationRequested.class, c -> assertThat(c.reason())
                        .isEqualTo(CancellationReason.CUSTOMER)));

        // when the baristas stopped it in time
        kafka.publish(
                new PreparationCancelled(UUID.randomUUID(), id, Instant.now(), name, CancellationReason.CUSTOMER));

        // then
        await().atMost(FLOW).until(() -> status(id).equals("CANCELLED"));
        await().atMost(FLOW).until(() -> ended("cancelled") == endedCancelled + 1);
        assertThat(payment(id)).isEqualTo("VOIDED");
        assertThat(ledger.count(ledger.paymentOf(id), "VOID")).isOne();
        assertThat(ledger.count(ledger.paymentOf(id), "CAPTURE")).isZero();
        assertThat(steps(id)).containsExactly("PLACED", "CANCEL_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLED");
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .filteredOn(OrderCancelled.class::isInstance)
                .hasSize(1));
    }

    @Test
    void goesOnWithAnOrderWhoseCancellationCameTooLate() throws Exception {
        // given
        String name = unique("Di");
        UUID id = id(place(name));
        assertThat(post("/orders/" + id + "/cancel", "").statusCode()).isEqualTo(202);

        // when the baristas had started it, and then finish it
        kafka.publish(new CancellationRefused(
                UUID.randomUUID(), id, Instant.now(), name, CancellationReason.CUSTOMER, "already being made"));
        await().atMost(FLOW).until(() -> status(id).equals("PLACED"));
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));

        // then
        await().atMost(FLOW).until(() -> payment(id).equals("CAPTURED"));
        assertThat(status(id)).isEqualTo("READY");
        assertThat(steps(id)).containsExactly("PLACED", "CANCEL_REQUESTED", "CANCELLATION_REFUSED", "READY");
        assertThat(ledger.count(ledger.paymentOf(id), "VOID")).isZero();
    }

    @Test
    void refusesToCancelAnOrderThatIsAlreadyMade() throws Exception {
        // given
        String name = unique("Eli");
        UUID id = id(place(name));
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));
        await().atMost(FLOW).until(() -> status(id).equals("READY"));

        // when
        var response = post("/orders/" + id + "/cancel", "");
        var unknown = post("/orders/" + UUID.randomUUID() + "/cancel", "");

        // then
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).endsWith("/order-not-cancellable");
        assertThat(problem.get("orderStatus").asString()).isEqualTo("READY");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void givesUpOnAnOrderPastItsDeadlineAndWritesOffTheDrinkThatTurnsUpLater() throws Exception {
        // given
        String name = unique("Flo");
        UUID id = id(place(name));
        double writtenOffBefore = writtenOff();

        // when its deadline passes
        clock.advance(properties.preparationDeadline().plusSeconds(1));
        deadlines.expireOverdue();

        // then the baristas are told to abandon it and the money goes back
        await().atMost(FLOW).until(() -> status(id).equals("REFUNDED"));
        assertThat(payment(id)).isEqualTo("VOIDED");
        assertThat(steps(id)).containsExactly("PLACED", "DEADLINE_EXCEEDED", "REFUNDED");
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.CANCELLATIONS, id))
                .singleElement()
                .isInstanceOfSatisfying(CancellationRequested.class, c -> assertThat(c.reason())
                        .isEqualTo(CancellationReason.DEADLINE_EXCEEDED)));
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .filteredOn(PaymentRefunded.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((PaymentRefunded) e).reason()).isEqualTo("DEADLINE_EXCEEDED")));

        // when the drink turns up after all, twice (a re-emission)
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));
        kafka.publish(new OrderReady(UUID.randomUUID(), id, Instant.now(), name));

        // then it is written off once and never charged
        await().atMost(FLOW).until(() -> steps(id).contains("WRITTEN_OFF"));
        assertThat(steps(id)).containsExactly("PLACED", "DEADLINE_EXCEEDED", "REFUNDED", "WRITTEN_OFF");
        assertThat(status(id)).isEqualTo("REFUNDED");
        assertThat(writtenOff()).isEqualTo(writtenOffBefore + 1);
        assertThat(ledger.count(ledger.paymentOf(id), "CAPTURE")).isZero();
        assertThat(kafka.events(Topics.ORDERS, id))
                .extracting(OrderEvent::getClass)
                .doesNotContain(OrderCancelled.class);
    }

    @Test
    void showsStaffTheSagaEveryOrdersTimelineFollows() throws Exception {
        // given an order that could not be made, and so ended with its money back
        String name = unique("Gus");
        UUID id = id(place(name));
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), id, Instant.now(), name, RejectionReason.OUT_OF_STOCK, "no oat-milk"));
        await().atMost(FLOW).until(() -> status(id).equals("REFUNDED"));

        // when staff ask for the saga
        var response = http.send(
                HttpRequest.newBuilder(uri("/staff/saga"))
                        .header("Authorization", "Bearer " + TestIssuer.shared().staffToken())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then its map leads along the order's timeline, and nowhere a timeline may not go
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode saga = json.readTree(response.body());
        assertThat(walk(saga, steps(id))).isNotEmpty();
        assertThat(walk(saga, List.of("PLACED", "REFUNDED"))).isEmpty();
        assertThat(saga.get("finalStatuses").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("READY", "REFUNDED", "CANCELLED");
    }

    /** The situations a timeline can end in, walking the saga's map from its start; empty if it leaves the map. */
    private static java.util.Set<String> walk(JsonNode saga, List<String> timeline) {
        var at = java.util.Set.of(saga.get("start").asString());
        for (String step : timeline) {
            var from = at;
            at = saga.get("steps")
                    .valueStream()
                    .filter(edge -> from.contains(edge.get("from").asString())
                            && edge.get("step").asString().equals(step))
                    .map(edge -> edge.get("to").asString())
                    .collect(java.util.stream.Collectors.toSet());
        }
        return at;
    }

    /** Orders whose saga ended so; the series is there from start-up, at zero. */
    private double ended(String outcome) {
        return meters.get(SagaOutcomes.NAME).tag("outcome", outcome).counter().count();
    }

    private double writtenOff() {
        var counter = meters.find("coffeeshop.drinks.written-off").counter();
        return counter == null ? 0 : counter.count();
    }

    private JsonNode place(String name) throws Exception {
        var response = post("/orders", """
                {"customerName":"%s","paymentToken":"tok_approve",
                 "items":[{"drink":"latte","size":"small","quantity":1,"options":[]}]}""".formatted(name));
        assertThat(response.statusCode()).isEqualTo(202);
        return json.readTree(response.body());
    }

    private static UUID id(JsonNode order) {
        return UUID.fromString(order.get("id").asString());
    }

    private String status(UUID id) throws Exception {
        return order(id).get("status").asString();
    }

    private String payment(UUID id) throws Exception {
        return order(id).get("payment").asString();
    }

    private List<String> steps(UUID id) throws Exception {
        var steps = new java.util.ArrayList<String>();
        order(id).get("timeline").forEach(e -> steps.add(e.get("status").asString()));
        return steps;
    }

    private JsonNode order(UUID id) throws Exception {
        return json.readTree(http.send(
                        HttpRequest.newBuilder(uri("/orders/" + id))
                                .header("Authorization", CUSTOMER)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", CUSTOMER)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
