package dev.coffeeshop.notification.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.notification.webhooks.WebhookReceiver.Behaviour;
import dev.coffeeshop.notification.webhooks.WebhookReceiver.Received;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Each notification of an order with a callback URL reaches a real receiver once, signed, despite the receiver's
 * failures; a destination inside the shop's network is refused; staff redeliver what was parked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class WebhookDeliveryTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String TOKEN = TestIssuer.shared().staffToken();

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CircuitBreakerRegistry breakers;

    RestClient staff;

    WebhookReceiver receiver;

    @BeforeEach
    void startTheReceiver() throws Exception {
        staff = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .build();
        receiver = newReceiver();
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void deliversEveryNotificationOfAnOrderOnceWithAValidSignatureWhileTheReceiverFailsAtFirst() {
        // given
        UUID order = UUID.randomUUID();
        receiver.script(List.of(Behaviour.UNAVAILABLE, Behaviour.SLOW, Behaviour.RESET), Behaviour.OK);

        // when
        kafka.publish(placed(order, receiver.url()));
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));

        // then
        await().atMost(PATIENCE)
                .until(receiver::acceptedKinds, kinds -> kinds.equals(Map.of("RECEIVED", 1L, "READY_FOR_PICKUP", 1L)));
        assertThat(receiver.received()).as("the failures were met").hasSizeGreaterThanOrEqualTo(5);
        assertThat(receiver.received()).allMatch(Received::signatureValid, "signed validly");
        assertThat(receiver.received())
                .as("every attempt at one notification carries its delivery id")
                .allSatisfy(r -> assertThat(r.deliveryId())
                        .isEqualTo(deliveryId(order, r.kind()).toString()));
        assertThat(statuses(order)).containsOnly("DELIVERED");
        await().during(Duration.ofMillis(500))
                .atMost(PATIENCE)
                .until(() -> receiver.accepted().size() == 2);
    }

    @Test
    void deliversWhatTheCustomerWasToldBeforeTheOrderNamedItsCallback() {
        // given
        UUID order = UUID.randomUUID();
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));
        await().atMost(PATIENCE).until(() -> notifications(order) == 1);

        // when
        kafka.publish(placed(order, receiver.url()));

        // then
        await().atMost(PATIENCE)
                .until(receiver::acceptedKinds, kinds -> kinds.equals(Map.of("RECEIVED", 1L, "READY_FOR_PICKUP", 1L)));
    }

    @Test
    void deliversOnceWhenTheOrderIsAnnouncedTwice() {
        // given
        UUID order = UUID.randomUUID();
        OrderPlaced placed = placed(order, receiver.url());
        OrderPlaced republished = placed(order, receiver.url());

        // when
        kafka.publish(placed);
        kafka.publish(placed);
        kafka.publish(republished);

        // then
        await().atMost(PATIENCE).until(receiver::acceptedKinds, kinds -> kinds.equals(Map.of("RECEIVED", 1L)));
        await().during(Duration.ofSeconds(1))
                .atMost(PATIENCE)
                .until(() -> receiver.received().size() == 1);
        assertThat(statuses(order)).containsExactly("DELIVERED");
    }

    @Test
    void refusesTheMetadataAddressAndAnUnlistedLoopbackAddressWithoutCallingThem() {
        // given
        UUID metadata = UUID.randomUUID();
        UUID loopback = UUID.randomUUID();
        double refused = count("coffeeshop.webhooks.refused");

        // when
        kafka.publish(placed(metadata, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        kafka.publish(placed(loopback, "http://127.0.0.1:" + receiver.port() + "/hooks"));

        // then
        await().atMost(PATIENCE).until(() -> statuses(metadata).equals(List.of("PARKED")));
        await().atMost(PATIENCE).until(() -> statuses(loopback).equals(List.of("PARKED")));
        assertThat(lastError(metadata)).startsWith("refused:").contains("link-local");
        assertThat(lastError(loopback)).startsWith("refused:").contains("loopback");
        assertThat(attempts(loopback)).as("never attempted").isZero();
        assertThat(receiver.received()).isEmpty();
        assertThat(count("coffeeshop.webhooks.refused")).isEqualTo(refused + 2);
    }

    @Test
    void parksADeliveryTheReceiverKeepsFailingAndDeliversItOnceWhenStaffRedeliverIt() {
        // given
        UUID order = UUID.randomUUID();
        receiver.always(Behaviour.UNAVAILABLE);
        kafka.publish(placed(order, receiver.url()));
        await().atMost(PATIENCE).until(() -> statuses(order).equals(List.of("PARKED")));
        UUID delivery = deliveryId(order, "RECEIVED");
        assertThat(attempts(order)).as("max-attempts").isEqualTo(5);
        assertThat(parked()).contains(delivery.toString());

        // when
        receiver.always(Behaviour.OK);
        var redelivered = staff.post()
                .uri("/staff/webhooks/{id}/redeliver", delivery)
                .retrieve()
                .toBodilessEntity();

        // then
        assertThat(redelivered.getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> statuses(order).equals(List.of("DELIVERED")));
        assertThat(receiver.accepted()).singleElement().satisfies(r -> assertThat(r.deliveryId())
                .isEqualTo(delivery.toString()));
        assertThat(parked()).doesNotContain(delivery.toString());
        var again = staff.post()
                .uri("/staff/webhooks/{id}/redeliver", delivery)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(again).as("only a parked delivery is redelivered").isEqualTo(404);
    }

    @Test
    void opensTheBreakerOfADeadReceiverWhileAnotherReceiverKeepsGettingItsDeliveries() throws Exception {
        // given
        receiver.always(Behaviour.UNAVAILABLE);
        try (WebhookReceiver healthy = newReceiver()) {
            for (int i = 0; i < 3; i++) {
                kafka.publish(placed(UUID.randomUUID(), receiver.url()));
            }
            CircuitBreaker deadBreaker = breakers.circuitBreaker("webhook-localhost:" + receiver.port(), "webhook");
            await().atMost(PATIENCE).until(deadBreaker::getState, state -> state == CircuitBreaker.State.OPEN);

            // when
            UUID order = UUID.randomUUID();
            kafka.publish(placed(order, healthy.url()));

            // then
            await().atMost(PATIENCE).until(healthy::acceptedKinds, kinds -> kinds.equals(Map.of("RECEIVED", 1L)));
            // the delivery is marked once the receiver's answer is in, a moment after the receiver counted it
            await().atMost(PATIENCE).until(() -> statuses(order), statuses -> statuses.equals(List.of("DELIVERED")));
            assertThat(count("coffeeshop.webhooks.deferred"))
                    .as("the dead receiver's deliveries wait")
                    .isPositive();
        }
    }

    private WebhookReceiver newReceiver() throws Exception {
        var created = new WebhookReceiver(Duration.ofMillis(1500));
        var secret = staff.get()
                .uri(u -> u.path("/staff/webhooks/secret")
                        .queryParam("url", created.url())
                        .build())
                .retrieve()
                .body(Map.class);
        created.useSecret((String) secret.get("secret"));
        return created;
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

    private String parked() {
        return staff.get().uri("/staff/webhooks/parked").retrieve().body(String.class);
    }

    private List<String> statuses(UUID order) {
        return jdbc.sql("SELECT status FROM webhook_deliveries WHERE order_id = ? ORDER BY kind")
                .param(order)
                .query(String.class)
                .list();
    }

    private UUID deliveryId(UUID order, String kind) {
        return jdbc.sql("SELECT id FROM webhook_deliveries WHERE order_id = ? AND kind = ?")
                .params(order, kind)
                .query(UUID.class)
                .single();
    }

    private String lastError(UUID order) {
        return jdbc.sql("SELECT last_error FROM webhook_deliveries WHERE order_id = ?")
                .param(order)
                .query(String.class)
                .single();
    }

    private int attempts(UUID order) {
        return jdbc.sql("SELECT attempts FROM webhook_deliveries WHERE order_id = ?")
                .param(order)
                .query(Integer.class)
                .single();
    }

    private long notifications(UUID order) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ?")
                .param(order)
                .query(Long.class)
                .single();
    }

    private double count(String name) {
        return Search.in(meters).name(name).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
