package dev.coffeeshop.intake.ordering;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shop that charges at the till, as Hohpe's does, talking to a card processor over HTTP: a real local HTTP server
 * (WireMock) plays the provider and fails on purpose. Compensation is then a refund, and a refund that fails is retried
 * by the payment clerk until it succeeds, or parked for an operator.
 *
 * <p>This context is its own member of the saga: its own database and consumer group, so the shared context of the
 * other tests never takes its records, and the provider's own retry is off so each failure is one visible attempt.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=order-intake-till",
            "spring.cloud.stream.bindings.recordPreparation-in-0.group=order-intake-till",
            "spring.cloud.stream.kafka.bindings.recordPreparation-in-0.consumer.dlq-name="
                    + "coffeeshop.barista.preparations.order-intake-till.dlq",
            "coffeeshop.intake.payment.capture=ON_PLACEMENT",
            "coffeeshop.intake.payment.initial-back-off=50ms",
            "coffeeshop.intake.payment.max-back-off=200ms",
            "coffeeshop.intake.payment.max-attempts=6",
            "coffeeshop.intake.payment-provider.kind=http",
            "coffeeshop.intake.payment-provider.http.api-key=sk_test_till",
            "resilience4j.retry.instances.payment-gateway.max-attempts=1",
            "resilience4j.circuitbreaker.instances.payment-gateway.minimum-number-of-calls=1000"
        })
@RealInfrastructure
class ChargedAtTheTillTests {

    static final WireMockServer provider = started();
    static final TestKafka kafka = TestKafka.shared();
    /** A customer's token: place, read and cancel orders. */
    static final String CUSTOMER =
            "Bearer " + TestIssuer.shared().token("customer", Scopes.PLACE, Scopes.READ, Scopes.CANCEL);

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();
    static final Duration FLOW = Duration.ofSeconds(30);
    static final String STAFF = "Bearer " + TestIssuer.shared().staffToken();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("coffeeshop.intake.payment-provider.http.base-url", provider::baseUrl);
    }

    @AfterAll
    static void stop() {
        provider.stop();
        kafka.close();
    }

    @Test
    void aRefundThatFailsFourTimesIsRetriedUntilItSucceedsExactlyOnce() throws Exception {
        // given an order charged at the till, whose refund the provider fails four times
        String payment = "pay_" + UUID.randomUUID();
        String token = acceptsAndCharges(payment);
        String scenario = "refund of " + payment;
        for (int failure = 0; failure < 4; failure++) {
            provider.stubFor(post(urlEqualTo("/v1/refunds"))
                    .withRequestBody(matchingJsonPath("$.payment", equalTo(payment)))
                    .inScenario(scenario)
                    .whenScenarioStateIs(failure == 0 ? Scenario.STARTED : "failed " + failure)
                    .willSetStateTo("failed " + (failure + 1))
                    .willReturn(aResponse().withStatus(503).withBody("{\"code\":\"overloaded\"}")));
        }
        provider.stubFor(post(urlEqualTo("/v1/refunds"))
                .withRequestBody(matchingJsonPath("$.payment", equalTo(payment)))
                .inScenario(scenario)
                .whenScenarioStateIs("failed 4")
                .willSetStateTo("refunded")
                .willReturn(created("re_" + payment)));
        UUID id = place(token);
        double retriedBefore = count("coffeeshop.payments.retried", "REFUND");

        // when the baristas cannot make it
        kafka.publish(
                new OrderRejected(UUID.randomUUID(), id, Instant.now(), "Ada", RejectionReason.OUT_OF_STOCK, "milk"));

        // then the refund goes through on the fifth attempt, all five with one idempotency key
        await().atMost(FLOW).until(() -> order(id).get("status").asString().equals("REFUNDED"));
        assertThat(order(id).get("payment").asString()).isEqualTo("REFUNDED");
        var attempts = provider.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withRequestBody(matchingJsonPath("$.payment", equalTo(payment))));
        assertThat(attempts).hasSize(5);
        assertThat(attempts).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly("refund-" + id);
        assertThat(count("coffeeshop.payments.retried", "REFUND") - retriedBefore)
                .isEqualTo(4);
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .filteredOn(PaymentRefunded.class::isInstance)
                .hasSize(1));
        assertThat(steps(id)).containsExactly("PLACED", "REJECTED", "REFUNDED");
    }

    @Test
    void aCompensationThatKeepsFailingIsParkedAndRetriedByAnOperator() throws Exception {
        // given an order charged at the till, whose refund the provider keeps failing
        String payment = "pay_" + UUID.randomUUID();
        String token = acceptsAndCharges(payment);
        provider.stubFor(post(urlEqualTo("/v1/refunds"))
                .withRequestBody(matchingJsonPath("$.payment", equalTo(payment)))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":\"internal\"}")));
        UUID id = place(token);
        double parkedBefore = count("coffeeshop.compensations.parked", "REFUND");

        // when the baristas cannot make it
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), id, Instant.now(), "Bo", RejectionReason.EQUIPMENT_FAILURE, "grinder"));

        // then after six attempts it is parked, counted and shown to staff, and the order waits
        await().atMost(FLOW).until(() -> count("coffeeshop.compensations.parked", "REFUND") > parkedBefore);
        assertThat(order(id).get("status").asString()).isEqualTo("COMPENSATING");
        assertThat(provider.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))
                        .withRequestBody(matchingJsonPath("$.payment", equalTo(payment)))))
                .hasSize(6);
        JsonNode parked = json.readTree(staff("GET", "/staff/orders/parked").body());
        JsonNode ours = null;
        for (JsonNode order : parked) {
            if (order.get("id").asString().equals(id.toString())) {
                ours = order;
            }
        }
        assertThat(ours).as("the parked order in %s", parked).isNotNull();
        assertThat(ours.get("status").asString()).isEqualTo("COMPENSATING");
        assertThat(ours.get("paymentActions").get(0).get("status").asString()).isEqualTo("PARKED");
        assertThat(ours.get("paymentActions").get(0).get("lastError").asString())
                .contains("gave up after 6 attempts");
        JsonNode stuck = json.readTree(staff("GET", "/staff/orders/stuck?status=COMPENSATING&olderThan=PT0S")
                .body());
        assertThat(stuck.findValuesAsString("id")).contains(id.toString());
        assertThat(meters.get("coffeeshop.payments.awaiting.operator").gauge().value())
                .isGreaterThanOrEqualTo(1);

        // when the provider recovers and an operator retries
        assertThat(http.send(
                                HttpRequest.newBuilder(uri("/staff/orders/" + id + "/payment/retry"))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("no token, no retry")
                .isEqualTo(401);
        provider.stubFor(post(urlEqualTo("/v1/refunds"))
                .withRequestBody(matchingJsonPath("$.payment", equalTo(payment)))
                .atPriority(0)
                .willReturn(created("re_" + payment)));
        var retry = staff("POST", "/staff/orders/" + id + "/payment/retry");

        // then the money goes back, once
        assertThat(retry.statusCode()).isEqualTo(202);
        await().atMost(FLOW).until(() -> order(id).get("status").asString().equals("REFUNDED"));
        assertThat(staff("POST", "/staff/orders/" + id + "/payment/retry").statusCode())
                .as("nothing left to retry")
                .isEqualTo(409);
        await().atMost(FLOW).untilAsserted(() -> assertThat(kafka.events(Topics.ORDERS, id))
                .filteredOn(PaymentRefunded.class::isInstance)
                .hasSize(1));
    }

    /** Stubs a provider that authorizes and captures {@code payment}; returns the card token that gets it. */
    private static String acceptsAndCharges(String payment) {
        String token = "tok_" + payment;
        provider.stubFor(post(urlEqualTo("/v1/authorizations"))
                .withRequestBody(matchingJsonPath("$.token", equalTo(token)))
                .willReturn(created(payment)));
        provider.stubFor(post(urlEqualTo("/v1/authorizations/" + payment + "/capture"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"ch_" + payment + "\"}")));
        return token;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String id) {
        return aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + id + "\"}");
    }

    private UUID place(String token) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(uri("/orders"))
                        .header("Authorization", CUSTOMER)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"customerName":"Ada","paymentToken":"%s",
                                 "items":[{"drink":"latte","size":"small","quantity":1,"options":[]}]}""".formatted(token)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("payment").asString()).isEqualTo("CAPTURED");
        return UUID.fromString(body.get("id").asString());
    }

    private double count(String name, String action) {
        var counter = meters.find(name).tag("action", action).counter();
        return counter == null ? 0 : counter.count();
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

    private java.util.List<String> steps(UUID id) throws Exception {
        var steps = new java.util.ArrayList<String>();
        order(id).get("timeline").forEach(e -> steps.add(e.get("status").asString()));
        return steps;
    }

    private HttpResponse<String> staff(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", STAFF)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static WireMockServer started() {
        var server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }
}
