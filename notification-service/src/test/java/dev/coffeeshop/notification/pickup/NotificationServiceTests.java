package dev.coffeeshop.notification.pickup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CloudEventHeaders;
import dev.coffeeshop.events.EventType;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderCancelled;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PaymentRefunded;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.messaging.access.Scopes;
import dev.coffeeshop.testsupport.RealInfrastructure;
import dev.coffeeshop.testsupport.TestIssuer;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class NotificationServiceTests {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String DEAD_LETTERS = Topics.deadLetter(Topics.ORDERS, "notification-service");

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    RestClient http;

    @BeforeEach
    void connectHttp() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                // staff see every order's notifications, those of orders placed without an owner too
                .defaultHeader("Authorization", "Bearer " + TestIssuer.shared().staffToken())
                .build();
    }

    @Test
    void tellsTheCustomerTheirOrderWasReceived() {
        // given
        UUID order = UUID.randomUUID();

        // when
        kafka.publish(placed(order));

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED")));
        Story story = story(order);
        assertThat(story.orderId()).isEqualTo(order);
        assertThat(story.notifications().getFirst().message()).isEqualTo("Thanks Ada, we received your order");
        assertThat(story.notifications().getFirst().occurredAt()).isNotNull();
        assertThat(story.notifications().getFirst().createdAt()).isNotNull();
        await().atMost(PATIENCE).until(() -> deliveries(order, "RECEIVED") == 1);
    }

    @Test
    void showsTheStoryOnlyToTheCustomerWhosOrderItIsOnceItsPlacementArrived() {
        // given Ada's order is ready before its placement reached this service
        UUID order = UUID.randomUUID();
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("READY_FOR_PICKUP")));
        List<String> beforePlacement = kindsAs("ada", order);

        // when
        kafka.publish(new OrderPlaced(
                UUID.randomUUID(),
                order,
                Instant.now(),
                "Ada",
                List.of(new LineItem("latte", "large", 1, List.of())),
                490,
                "EUR",
                null,
                "ada"));

        // then Ada sees her whole story, Bo nothing at all, as for an order that does not exist
        await().atMost(PATIENCE)
                .until(() -> kindsAs("ada", order), kinds -> kinds.equals(List.of("RECEIVED", "READY_FOR_PICKUP")));
        assertThat(beforePlacement).isEmpty();
        assertThat(kindsAs("bo", order)).isEmpty();
        assertThat(kindsAs("bo", UUID.randomUUID())).isEmpty();
    }

    @Test
    void tellsTheWholeStoryInOrderWhenTheOrderIsReadyBeforeItIsPlaced() {
        // given
        UUID order = UUID.randomUUID();
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("READY_FOR_PICKUP")));

        // when
        kafka.publish(placed(order));

        // then
        await().atMost(PATIENCE)
                .until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED", "READY_FOR_PICKUP")));
        assertThat(story(order).notifications())
                .extracting(Entry::message)
                .containsExactly("Thanks Ada, we received your order", "Ada, your order is ready for pickup!");
    }

    @Test
    void callsTheCustomerOnceWhenTheReadyEventIsRedeliveredOrRepeated() {
        // given
        UUID order = UUID.randomUUID();
        var ready = new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada");
        var readyAgain = new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada");

        // when
        kafka.publish(ready);
        kafka.publish(ready);
        kafka.publish(readyAgain);

        // then the last one is handled after the others, as one order's events share a partition
        await().atMost(PATIENCE).until(() -> processed(readyAgain.eventId()));
        assertThat(kinds(order)).containsExactly("READY_FOR_PICKUP");
        assertThat(notifications(order, "READY_FOR_PICKUP")).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> deliveries(order, "READY_FOR_PICKUP") == 1);
    }

    @Test
    void tellsTheCustomerAboutTheRefundAndNotThatTheOrderIsReadyWhenItCannotBeMade() {
        // given
        UUID order = UUID.randomUUID();
        kafka.publish(new OrderRejected(
                UUID.randomUUID(), order, Instant.now(), "Ada", RejectionReason.OUT_OF_STOCK, "no pumpkin spice"));

        // when
        var refunded = new PaymentRefunded(UUID.randomUUID(), order, Instant.now(), "Ada", 490, "OUT_OF_STOCK");
        kafka.publish(refunded);

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("REFUNDED")));
        assertThat(story(order).notifications())
                .extracting(Entry::message)
                .containsExactly("Sorry Ada, we could not make your order; 4.90 EUR refunded");
        assertThat(notifications(order, "READY_FOR_PICKUP")).isZero();
    }

    @Test
    void sendsGarbageToTheDeadLetterTopicWithTheReasonAndKeepsHandlingTheRecordsAfterIt() {
        // given
        UUID order = UUID.randomUUID();
        byte[] garbage = {(byte) 0xC3, 0x28, '{', 'n', 'o', 'p', 'e'};
        double deadLettered = deadLettered();
        double unreadable = meters.counter("coffeeshop.events.unreadable").count();
        var headers = Map.of(
                CloudEventHeaders.TYPE,
                EventType.ORDER_PLACED.ceType(),
                CloudEventHeaders.ID,
                UUID.randomUUID().toString());

        // when
        kafka.publishRaw(Topics.ORDERS, order.toString(), headers, garbage);
        kafka.publish(placed(order));

        // then
        await().atMost(PATIENCE).until(() -> deadLetters(order.toString()), dead -> dead.size() == 1);
        ConsumerRecord<String, byte[]> dead = deadLetters(order.toString()).getFirst();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(TestKafka.header(dead, "x-exception-message")).contains("not a valid coffeeshop.order.placed.v1");
        assertThat(TestKafka.header(dead, "x-original-topic")).isEqualTo(Topics.ORDERS);
        assertThat(TestKafka.header(dead, "x-exception-fqcn")).isNotBlank();
        assertThat(meters.counter("coffeeshop.events.unreadable").count())
                .as("read once, not retried")
                .isEqualTo(unreadable + 1);
        assertThat(deadLettered()).isEqualTo(deadLettered + 1);
        assertThat(dead.partition()).as("dlq-partitions: 1").isZero();
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED")));
    }

    @Test
    void sendsAnEventTypeItDoesNotKnowToTheDeadLetterTopicAndKeepsHandlingTheRecordsAfterIt() {
        // given
        UUID order = UUID.randomUUID();
        var future = Map.of(
                CloudEventHeaders.TYPE,
                "coffeeshop.order.teleported.v1",
                CloudEventHeaders.ID,
                UUID.randomUUID().toString());
        double deadLettered = deadLettered();

        // when
        kafka.publishRaw(Topics.ORDERS, order.toString(), future, "{}".getBytes(StandardCharsets.UTF_8));
        kafka.publish(placed(order));

        // then
        await().atMost(PATIENCE).until(() -> deadLetters(order.toString()), dead -> dead.size() == 1);
        assertThat(TestKafka.header(deadLetters(order.toString()).getFirst(), "x-exception-message"))
                .contains("unknown event type 'coffeeshop.order.teleported.v1'");
        assertThat(deadLettered()).isEqualTo(deadLettered + 1);
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED")));
    }

    @Test
    void skipsAKnownEventTypeThatIsNoneOfTheCustomersBusinessWithoutDeadLettering() {
        // given
        UUID order = UUID.randomUUID();
        var stopped =
                new PreparationCancelled(UUID.randomUUID(), order, Instant.now(), "Ada", CancellationReason.CUSTOMER);
        var ready = new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada");

        // when
        kafka.publish(stopped);
        kafka.publish(ready);

        // then
        await().atMost(PATIENCE).until(() -> processed(ready.eventId()));
        assertThat(kinds(order)).containsExactly("READY_FOR_PICKUP");
        assertThat(processed(stopped.eventId())).as("skipped before handling").isFalse();
        assertThat(kafka.records(Topics.deadLetter(Topics.PREPARATIONS, "notification-service"), order.toString()))
                .isEmpty();
    }

    @Test
    void tellsTheCustomerTheirOrderIsCancelledAndThatTheyWereNotCharged() {
        // given
        UUID order = UUID.randomUUID();
        kafka.publish(placed(order));
        kafka.publish(
                new PreparationCancelled(UUID.randomUUID(), order, Instant.now(), "Ada", CancellationReason.CUSTOMER));

        // when
        kafka.publish(new OrderCancelled(UUID.randomUUID(), order, Instant.now(), "Ada", 490));

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED", "CANCELLED")));
        assertThat(story(order).notifications().getLast().message())
                .isEqualTo("Ada, your order is cancelled; you were not charged");
        await().atMost(PATIENCE).until(() -> deliveries(order, "CANCELLED") == 1);
    }

    @Test
    void tellsTheCustomerItIsTooLateToCancelAndThenThatTheOrderIsReady() {
        // given
        UUID order = UUID.randomUUID();
        kafka.publish(placed(order));

        // when
        kafka.publish(new CancellationRefused(
                UUID.randomUUID(), order, Instant.now(), "Ada", CancellationReason.CUSTOMER, "already brewing"));
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));

        // then
        await().atMost(PATIENCE)
                .until(
                        () -> kinds(order),
                        kinds -> kinds.equals(List.of("RECEIVED", "CANCELLATION_REFUSED", "READY_FOR_PICKUP")));
        assertThat(story(order).notifications())
                .extracting(Entry::message)
                .contains("Sorry Ada, it is too late to cancel; your order is being made");
        await().atMost(PATIENCE).until(() -> deliveries(order, "CANCELLATION_REFUSED") == 1);
    }

    @Test
    void saysNothingToTheCustomerWhenTheShopsOwnDeadlineCancellationIsRefused() {
        // given
        UUID order = UUID.randomUUID();
        var refused = new CancellationRefused(
                UUID.randomUUID(), order, Instant.now(), "Ada", CancellationReason.DEADLINE_EXCEEDED, "almost done");

        // when
        kafka.publish(refused);
        kafka.publish(new OrderReady(UUID.randomUUID(), order, Instant.now(), "Ada"));

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("READY_FOR_PICKUP")));
        assertThat(processed(refused.eventId())).isTrue();
        assertThat(notifications(order, "CANCELLATION_REFUSED")).isZero();
    }

    @Test
    void tellsTheCustomerTheOrderCouldNotBeMadeInTimeWhenTheRefundIsForAMissedDeadline() {
        // given
        UUID order = UUID.randomUUID();
        kafka.publish(placed(order));

        // when
        kafka.publish(new PaymentRefunded(UUID.randomUUID(), order, Instant.now(), "Ada", 490, "DEADLINE_EXCEEDED"));

        // then
        await().atMost(PATIENCE).until(() -> kinds(order), kinds -> kinds.equals(List.of("RECEIVED", "REFUNDED")));
        assertThat(story(order).notifications().getLast().message())
                .isEqualTo("Sorry Ada, we could not make your order in time; 4.90 EUR refunded");
    }

    private static OrderPlaced placed(UUID order) {
        return new OrderPlaced(
                UUID.randomUUID(),
                order,
                Instant.now(),
                "Ada",
                List.of(new LineItem("latte", "large", 1, List.of("oat-milk"))),
                490,
                "EUR");
    }

    private Story story(UUID order) {
        return http.get().uri("/orders/{id}/notifications", order).retrieve().body(Story.class);
    }

    private List<String> kindsAs(String customer, UUID order) {
        return http
                .get()
                .uri("/orders/{id}/notifications", order)
                .header("Authorization", "Bearer " + TestIssuer.shared().token(customer, Scopes.READ))
                .retrieve()
                .body(Story.class)
                .notifications()
                .stream()
                .map(Entry::kind)
                .toList();
    }

    private List<String> kinds(UUID order) {
        return story(order).notifications().stream().map(Entry::kind).toList();
    }

    private boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private long notifications(UUID order, String kind) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE order_id = ? AND kind = ?")
                .params(order, kind)
                .query(Long.class)
                .single();
    }

    private long deliveries(UUID order, String kind) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE order_id = ? AND kind = ?")
                .params(order, kind)
                .query(Long.class)
                .single();
    }

    private double deadLettered() {
        Counter counter = meters.find("coffeeshop.dlq.records")
                .tags("topic", Topics.ORDERS, "group", "notification-service", "reason", "UnreadableEventException")
                .counter();
        return counter == null ? 0.0 : counter.count();
    }

    /** Every record on this service's dead-letter topic for {@code Topics.ORDERS} with {@code key}, up to its end. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return kafka.records(DEAD_LETTERS, key);
    }

    record Story(UUID orderId, List<Entry> notifications) {}

    record Entry(String kind, String message, Instant occurredAt, Instant createdAt) {}
}
