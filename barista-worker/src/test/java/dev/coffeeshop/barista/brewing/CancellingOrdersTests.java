package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Orders.awaitOutcome;
import static dev.coffeeshop.barista.brewing.Orders.cancellationOf;
import static dev.coffeeshop.barista.brewing.Orders.line;
import static dev.coffeeshop.barista.brewing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRefused;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.PreparationCancelled;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cancellations travel on a topic of their own and may reach the barista before their order, while it is being
 * made, or after it is done. An order is either stopped before it is started, taking nothing, or made as if nothing
 * had been asked, with the cancellation refused; each cancellation is answered once, however often it arrives.
 */
@BaristaIntegrationTest
class CancellingOrdersTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final List<String> SHELF =
            List.of("coffee-beans", "decaf-beans", "milk", "oat-milk", "chocolate", "vanilla-syrup", "pumpkin-spice");

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @Autowired
    LoadedDice dice;

    @Autowired
    Inventory inventory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void anOrderCancelledBeforeItArrivesIsNeverMadeAndTakesNothing() {
        // given
        Map<String, Long> before = stock();
        double cancelled = counted("coffeeshop.orders.cancelled", "reason", "CUSTOMER");
        double skipped = counted("coffeeshop.orders.skipped-as-cancelled");
        OrderPlaced order = order("Max", line("latte", "large", 1, "oat-milk"));
        CancellationRequested cancellation = cancellationOf(order, CancellationReason.CUSTOMER);

        // when the cancellation overtakes the order
        kafka.publish(cancellation);
        OrderEvent answer = awaitOutcome(kafka, order.orderId());
        RecordMetadata arrived = kafka.publish(order);

        // then
        assertThat(answer).isInstanceOfSatisfying(PreparationCancelled.class, stopped -> {
            assertThat(stopped.reason()).isEqualTo(CancellationReason.CUSTOMER);
            assertThat(stopped.customerName()).isEqualTo("Max");
        });
        kafka.awaitConsumed("barista-worker", arrived);
        assertThat(outcomesOf(order.orderId())).containsExactly(PreparationCancelled.class);
        assertThat(taken(before)).isEqualTo(Ingredients.none());
        assertThat(statusOf(order.orderId())).contains("CANCELLED");
        assertThat(handoversOf(order.orderId())).isZero();
        // counted once committed, in the listener's thread: the answer may reach the topic first
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(counted("coffeeshop.orders.cancelled", "reason", "CUSTOMER"))
                        .isEqualTo(cancelled + 1));
        assertThat(counted("coffeeshop.orders.skipped-as-cancelled")).isEqualTo(skipped + 1);
    }

    @Test
    void aCancellationOfAnOrderBeingMadeIsRefusedAndTheOrderIsStillMade() {
        // given an order kept at the machine, in the middle of being made
        Map<String, Long> before = stock();
        double refused = counted("coffeeshop.cancellations.refused");
        LoadedDice.Hold atTheMachine = dice.holdTheNextOrderAtTheMachine();
        OrderPlaced order = order("Ned", line("cappuccino", "small", 1));
        OrderEvent answer;
        try {
            kafka.publish(order);
            await().atMost(PATIENCE)
                    .until(() ->
                            atTheMachine.reached() && statusOf(order.orderId()).equals(Optional.of("IN_PREPARATION")));

            // when
            kafka.publish(cancellationOf(order, CancellationReason.CUSTOMER));
            answer = awaitOutcome(kafka, order.orderId());
        } finally {
            atTheMachine.release();
        }

        // then
        assertThat(answer).isInstanceOfSatisfying(CancellationRefused.class, refusal -> {
            assertThat(refusal.detail()).isEqualTo("already being made");
            assertThat(refusal.reason()).isEqualTo(CancellationReason.CUSTOMER);
            assertThat(refusal.customerName()).isEqualTo("Ned");
        });
        await().atMost(PATIENCE).until(() -> statusOf(order.orderId()).equals(Optional.of("READY")));
        assertThat(outcomesOf(order.orderId())).containsExactly(CancellationRefused.class, OrderReady.class);
        assertThat(taken(before)).isEqualTo(Ingredients.of("coffee-beans", 18, "milk", 150));
        assertThat(handoversOf(order.orderId())).isOne();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(counted("coffeeshop.cancellations.refused"))
                .isEqualTo(refused + 1));
    }

    @Test
    void aCancellationAfterTheOrderIsReadyIsRefusedOnceHoweverOftenItArrives() {
        // given
        OrderPlaced order = order("Ola", line("espresso", "small", 1));
        kafka.publish(order);
        assertThat(awaitOutcome(kafka, order.orderId())).isInstanceOf(OrderReady.class);
        CancellationRequested cancellation = cancellationOf(order, CancellationReason.CUSTOMER);
        CancellationRequested reEmitted = new CancellationRequested(
                UUID.randomUUID(), order.orderId(), Instant.now(), "Ola", CancellationReason.CUSTOMER);
        double duplicates = counted("coffeeshop.cancellations.duplicates");

        // when the cancellation is delivered, delivered again, and published again under a new event id
        kafka.publish(cancellation);
        kafka.publish(cancellation);
        RecordMetadata last = kafka.publish(reEmitted);

        // then
        kafka.awaitConsumed("barista-worker", last);
        assertThat(outcomesOf(order.orderId())).containsExactly(OrderReady.class, CancellationRefused.class);
        assertThat(kafka.events(Topics.PREPARATIONS, order.orderId()).getLast())
                .isInstanceOfSatisfying(CancellationRefused.class, refusal -> assertThat(refusal.detail())
                        .isEqualTo("already made and handed over"));
        assertThat(statusOf(order.orderId())).contains("READY");
        assertThat(counted("coffeeshop.cancellations.duplicates")).isEqualTo(duplicates + 2);
    }

    @Test
    void anOrderAbandonedAtItsDeadlineBeforeItWasStartedIsCancelledAndAnsweredOnce() {
        // given
        Map<String, Long> before = stock();
        double cancelled = counted("coffeeshop.orders.cancelled", "reason", "DEADLINE_EXCEEDED");
        OrderPlaced order = order("Pia", line("mocha", "medium", 2, "vanilla-syrup"));
        CancellationRequested abandoned = cancellationOf(order, CancellationReason.DEADLINE_EXCEEDED);

        // when the shop gives up on the order before a barista got to it, and says so again and again
        kafka.publish(abandoned);
        OrderEvent answer = awaitOutcome(kafka, order.orderId());
        kafka.publish(abandoned);
        kafka.publish(cancellationOf(order, CancellationReason.DEADLINE_EXCEEDED));
        RecordMetadata arrived = kafka.publish(order);
        RecordMetadata last = kafka.publish(abandoned);

        // then
        assertThat(answer).isInstanceOfSatisfying(PreparationCancelled.class, stopped -> assertThat(stopped.reason())
                .isEqualTo(CancellationReason.DEADLINE_EXCEEDED));
        kafka.awaitConsumed("barista-worker", arrived, last);
        assertThat(outcomesOf(order.orderId())).containsExactly(PreparationCancelled.class);
        assertThat(taken(before)).isEqualTo(Ingredients.none());
        assertThat(reservationsOf(order.orderId())).isZero();
        assertThat(handoversOf(order.orderId())).isZero();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(counted("coffeeshop.orders.cancelled", "reason", "DEADLINE_EXCEEDED"))
                        .isEqualTo(cancelled + 1));
    }

    @Test
    void aCustomerCancellingAnOrderTheShopAlreadyAbandonedIsToldItIsAlreadyCancelled() {
        // given
        OrderPlaced order = order("Quy", line("americano", "small", 1));
        kafka.publish(cancellationOf(order, CancellationReason.DEADLINE_EXCEEDED));
        assertThat(awaitOutcome(kafka, order.orderId())).isInstanceOf(PreparationCancelled.class);

        // when
        RecordMetadata asked = kafka.publish(cancellationOf(order, CancellationReason.CUSTOMER));

        // then
        kafka.awaitConsumed("barista-worker", asked);
        assertThat(outcomesOf(order.orderId())).containsExactly(PreparationCancelled.class, CancellationRefused.class);
        assertThat(kafka.events(Topics.PREPARATIONS, order.orderId()).getLast())
                .isInstanceOfSatisfying(CancellationRefused.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo(CancellationReason.CUSTOMER);
                    assertThat(refusal.detail()).isEqualTo("already cancelled (DEADLINE_EXCEEDED)");
                });
    }

    @Test
    void aCancellationOfARejectedOrderIsRefusedWithTheRejectionsReason() {
        // given
        OrderPlaced order = order("Rex", line("pumpkin-spice-latte", "small", 1));
        kafka.publish(order);
        assertThat(awaitOutcome(kafka, order.orderId())).isInstanceOf(OrderRejected.class);

        // when
        RecordMetadata asked = kafka.publish(cancellationOf(order, CancellationReason.CUSTOMER));

        // then
        kafka.awaitConsumed("barista-worker", asked);
        assertThat(outcomesOf(order.orderId())).containsExactly(OrderRejected.class, CancellationRefused.class);
        assertThat(kafka.events(Topics.PREPARATIONS, order.orderId()).getLast())
                .isInstanceOfSatisfying(CancellationRefused.class, refusal -> assertThat(refusal.detail())
                        .isEqualTo("already rejected (OUT_OF_STOCK)"));
    }

    /**
     * The classes of the events of {@code orderId} on the preparations topic, once the relay has published every one
     * of them: the outbox is the ledger until then, the topic after.
     */
    private List<Class<?>> outcomesOf(UUID orderId) {
        await().atMost(PATIENCE)
                .until(() -> jdbc.sql("SELECT count(*) FROM outbox WHERE record_key = ?")
                                .param(orderId.toString())
                                .query(Long.class)
                                .single()
                        == 0);
        return kafka.events(Topics.PREPARATIONS, orderId).stream()
                .<Class<?>>map(Object::getClass)
                .toList();
    }

    private double counted(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0.0 : counter.count();
    }

    private Map<String, Long> stock() {
        return SHELF.stream().collect(Collectors.toMap(Function.identity(), inventory::onHand));
    }

    private Ingredients taken(Map<String, Long> before) {
        Map<String, Long> now = stock();
        return Ingredients.of(
                SHELF.stream().collect(Collectors.toMap(Function.identity(), i -> before.get(i) - now.get(i))));
    }

    private Optional<String> statusOf(UUID orderId) {
        return jdbc.sql("SELECT status FROM preparations WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .optional();
    }

    private long handoversOf(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM handovers WHERE order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }

    private long reservationsOf(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM reservations WHERE order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }
}
