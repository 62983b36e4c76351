package dev.coffeeshop.intake.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.intake.AdjustableClock;
import dev.coffeeshop.intake.payment.SandboxPaymentGateway;
import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * What staff read about a period, page by page: the orders placed since an instant with their status, payment and
 * timeline ({@code /staff/orders/placed}), and the payment provider's captures, voids and refunds with the order each
 * belongs to ({@code /staff/ledgers/payments}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class StaffLedgersTests {

    static final TestKafka kafka = TestKafka.shared();
    /** A customer's token: place, read and cancel orders. */
    static final String CUSTOMER =
            "Bearer " + TestIssuer.shared().token("customer", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final Duration FLOW = Duration.ofSeconds(20);
    static final String STAFF = "Bearer " + TestIssuer.shared().staffToken();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AdjustableClock clock;

    @Autowired
    SandboxPaymentGateway payments;

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
    void listsTheOrdersPlacedSinceAnInstantPageByPageWithTheirStatusPaymentAndTimeline() throws Exception {
        // given an order placed before the instant and three after it, the first of them made
        UUID before = place(unique("Ada"));
        Instant since = clock.instant();
        UUID ready = place(unique("Bo"));
        UUID waiting = place(unique("Cy"));
        UUID cancelling = place(unique("Di"));
        kafka.publish(new OrderReady(UUID.randomUUID(), ready, Instant.now(), "Bo"));
        await().atMost(FLOW).until(() -> status(ready).equals("READY"));
        assertThat(post("/orders/" + cancelling + "/cancel").statusCode()).isEqualTo(202);

        // when staff walk through them one at a time
        List<JsonNode> pages = walk("/staff/orders/placed", since, 1);

        // then each order placed since is there once, in the order placed, with where it stands
        assertThat(pages)
                .allSatisfy(page -> assertThat(page.get("entries").size()).isLessThanOrEqualTo(1));
        assertThat(pages.getLast().get("next").isNull()).isTrue();
        List<JsonNode> mine = entries(pages).stream()
                .filter(o -> Set.of(before, ready, waiting, cancelling).contains(id(o, "id")))
                .toList();
        assertThat(mine).extracting(o -> id(o, "id")).containsExactly(ready, waiting, cancelling);
        assertThat(mine.get(0).get("status").asString()).isEqualTo("READY");
        assertThat(steps(mine.get(0))).containsExactly("PLACED", "READY");
        assertThat(mine.get(0).get("paymentId").asString()).isEqualTo(ledger.paymentOf(ready));
        assertThat(mine.get(1).get("status").asString()).isEqualTo("PLACED");
        assertThat(steps(mine.get(1))).containsExactly("PLACED");
        assertThat(mine.get(2).get("status").asString()).isEqualTo("CANCEL_REQUESTED");
        assertThat(steps(mine.get(2))).containsExactly("PLACED", "CANCEL_REQUESTED");
        assertThat(Instant.parse(mine.get(0).get("placedAt").asString()))
                .isAfterOrEqualTo(since.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void listsEveryCaptureVoidAndRefundWithTheOrderWhosePaymentItWasOrNoneForAnUnknownPayment() throws Exception {
        // given a captured order, a voided one, and a void of a payment no order has
        Instant since = Instant.now();
        UUID captured = place(unique("Eli"));
        UUID voided = place(unique("Flo"));
        kafka.publish(new OrderReady(UUID.randomUUID(), captured, Instant.now(), "Eli"));
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), voided, Instant.now(), "Flo", RejectionReason.OUT_OF_STOCK, "no oat-milk"));
        await().atMost(FLOW)
                .until(() ->
                        payment(captured).equals("CAPTURED") && payment(voided).equals("VOIDED"));
        String unknown = payments.authorize(SandboxPaymentGateway.APPROVE, 300, "EUR", "authorize-" + UUID.randomUUID())
                .paymentId();
        payments.voidAuthorization(unknown, "void-" + UUID.randomUUID());

        // when staff walk through the provider's side effects two at a time
        List<JsonNode> pages = walk("/staff/ledgers/payments", since, 2);

        // then each is there once, naming its order
        assertThat(pages)
                .allSatisfy(page -> assertThat(page.get("entries").size()).isLessThanOrEqualTo(2));
        List<JsonNode> effects = entries(pages);
        assertThat(effects)
                .filteredOn(e -> e.get("paymentId").asString().equals(ledger.paymentOf(captured)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("operation").asString()).isEqualTo("CAPTURE");
                    assertThat(id(e, "orderId")).isEqualTo(captured);
                    assertThat(e.get("resultId").asString()).startsWith("ch_");
                });
        assertThat(effects)
                .filteredOn(e -> e.get("paymentId").asString().equals(ledger.paymentOf(voided)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("operation").asString()).isEqualTo("VOID");
                    assertThat(id(e, "orderId")).isEqualTo(voided);
                });
        assertThat(effects)
                .filteredOn(e -> e.get("paymentId").asString().equals(unknown))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.get("operation").asString()).isEqualTo("VOID");
                    assertThat(e.get("orderId").isNull()).isTrue();
                });
        assertThat(effects).extracting(e -> e.get("operation").asString()).doesNotContain("AUTHORIZE");
    }

    @Test
    void answersAQueryItCannotReadWithAProblemNamingEachParameter() throws Exception {
        // when
        var noInstantAndTooMany = staff("/staff/orders/placed?limit=1001");
        var strangeOrderCursor = staff("/staff/orders/placed?since=2026-11-23T10:00:00Z&after=not-a-cursor");
        var strangePaymentCursor = staff("/staff/ledgers/payments?since=2026-11-23T10:00:00Z&after=-3");
        var noZone = staff("/staff/ledgers/payments?since=2026-11-23T10:00:00");

        // then
        assertThat(noInstantAndTooMany.statusCode()).isEqualTo(400);
        assertThat(noInstantAndTooMany.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(noInstantAndTooMany.body());
        assertThat(problem.get("type").asString()).endsWith("/invalid-request");
        assertThat(fields(problem)).containsExactly("since", "limit");
        assertThat(strangeOrderCursor.statusCode()).isEqualTo(400);
        assertThat(fields(json.readTree(strangeOrderCursor.body()))).containsExactly("after");
        assertThat(strangePaymentCursor.statusCode()).isEqualTo(400);
        assertThat(fields(json.readTree(strangePaymentCursor.body()))).containsExactly("after");
        assertThat(noZone.statusCode()).isEqualTo(400);
        assertThat(fields(json.readTree(noZone.body()))).containsExactly("since");
    }

    @Test
    void showsTheLedgersOnlyToStaff() throws Exception {
        // given
        String query = "?since=" + encode(Instant.now().toString());

        // when
        var orders = http.send(
                HttpRequest.newBuilder(uri("/staff/orders/placed" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        var effects = http.send(
                HttpRequest.newBuilder(uri("/staff/ledgers/payments" + query))
                        .header("Authorization", "Bearer not-the-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var customers = http.send(
                HttpRequest.newBuilder(uri("/staff/ledgers/payments" + query))
                        .header("Authorization", CUSTOMER)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(orders.statusCode()).isEqualTo(401);
        assertThat(effects.statusCode()).isEqualTo(401);
        assertThat(customers.statusCode()).isEqualTo(403);
    }

    /** Every page from the first until one without a next, failing on anything but 200. */
    private List<JsonNode> walk(String path, Instant since, int limit) throws Exception {
        var pages = new ArrayList<JsonNode>();
        String after = null;
        do {
            String query = "?since=" + encode(since.toString()) + "&limit=" + limit
                    + (after == null ? "" : "&after=" + encode(after));
            var response = staff(path + query);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = json.readTree(response.body());
            pages.add(page);
            after = page.get("next").isNull() ? null : page.get("next").asString();
            assertThat(pages).as("pages of " + path).hasSizeLessThan(10_000);
        } while (after != null);
        return pages;
    }

    private static List<JsonNode> entries(List<JsonNode> pages) {
        var entries = new ArrayList<JsonNode>();
        pages.forEach(page -> page.get("entries").forEach(entries::add));
        return entries;
    }

    private static List<String> steps(JsonNode order) {
        var steps = new ArrayList<String>();
        order.get("timeline").forEach(step -> steps.add(step.asString()));
        return steps;
    }

    private static List<String> fields(JsonNode problem) {
        var fields = new ArrayList<String>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static UUID id(JsonNode node, String field) {
        return UUID.fromString(node.get(field).asString());
    }

    private UUID place(String name) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(uri("/orders"))
                        .header("Authorization", CUSTOMER)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"customerName":"%s","paymentToken":"tok_approve",
                                 "items":[{"drink":"latte","size":"small","quantity":1,"options":[]}]}""".formatted(name)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return id(json.readTree(response.body()), "id");
    }

    private String status(UUID id) throws Exception {
        return order(id).get("status").asString();
    }

    private String payment(UUID id) throws Exception {
        return order(id).get("payment").asString();
    }

    private JsonNode order(UUID id) throws Exception {
        return json.readTree(http.send(
                        HttpRequest.newBuilder(uri("/orders/" + id))
                                .header("Authorization", CUSTOMER)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", CUSTOMER)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> staff(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(pathAndQuery))
                        .header("Authorization", STAFF)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
