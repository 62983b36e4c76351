package dev.coffeeshop.barista.brewing;

import static dev.coffeeshop.barista.brewing.Orders.awaitOutcome;
import static dev.coffeeshop.barista.brewing.Orders.line;
import static dev.coffeeshop.barista.brewing.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.coffeeshop.barista.inventory.Ingredients;
import dev.coffeeshop.barista.inventory.Inventory;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.OrderReady;
import dev.coffeeshop.events.OrderRejected;
import dev.coffeeshop.events.RejectionReason;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@BaristaIntegrationTest
class PreparingOrdersTests {

    private static final List<String> SHELF =
            List.of("coffee-beans", "decaf-beans", "milk", "oat-milk", "chocolate", "vanilla-syrup", "pumpkin-spice");

    @AutoClose
    static final TestKafka kafka = TestKafka.shared();

    @Autowired
    Inventory inventory;

    @Autowired
    Preparations log;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void preparesAnOrderAndTakesExactlyItsRecipeFromTheInventory() {
        // given
        Map<String, Long> before = stock();
        double preparedBefore = meters.counter("coffeeshop.drinks.prepared").count();
        OrderPlaced order =
                order("Ada", line("latte", "large", 1, "oat-milk"), line("espresso", "medium", 1, "extra-shot"));

        // when
        kafka.publish(order);

        // then
        OrderEvent outcome = awaitOutcome(kafka, order.orderId());
        assertThat(outcome).isInstanceOfSatisfying(OrderReady.class, ready -> assertThat(ready.customerName())
                .isEqualTo("Ada"));
        assertThat(taken(before)).isEqualTo(Ingredients.of("coffee-beans", 36 + 27 + 18, "oat-milk", 500));
        assertThat(statusOf(order.orderId())).isEqualTo("READY");
        assertThat(meters.counter("coffeeshop.drinks.prepared").count()).isEqualTo(preparedBefore + 2);
    }

    @Test
    void rejectsAPumpkinSpiceLatteAsOutOfStockWithoutTakingAnything() {
        // given
        Map<String, Long> before = stock();
        OrderPlaced order = order("Bo", line("latte", "small", 1), line("pumpkin-spice-latte", "small", 1));

        // when
        kafka.publish(order);

        // then
        OrderEvent outcome = awaitOutcome(kafka, order.orderId());
        assertThat(outcome).isInstanceOfSatisfying(OrderRejected.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
            assertThat(rejected.detail()).contains("pumpkin-spice");
            assertThat(rejected.customerName()).isEqualTo("Bo");
        });
        assertThat(taken(before)).isEqualTo(Ingredients.none());
        assertThat(statusOf(order.orderId())).isEqualTo("REJECTED");
        assertThat(meters.counter("coffeeshop.orders.rejected", "reason", "OUT_OF_STOCK")
                        .count())
                .isPositive();
    }

    @Test
    void preparesAnOrderPlacedTwiceAndOnceMoreUnderANewEventIdOnlyOnce() {
        // given
        Map<String, Long> before = stock();
        OrderPlaced order = order("Cy", line("cappuccino", "medium", 2));
        OrderPlaced republished = new OrderPlaced(
                UUID.randomUUID(),
                order.orderId(),
                Instant.now(),
                order.customerName(),
                order.items(),
                order.totalCents(),
                order.currency());

        // when
        kafka.publish(order);
        kafka.publish(order);
        RecordMetadata last = kafka.publish(republished);

        // then
        kafka.awaitConsumed("barista-worker", last);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> kafka.events(Topics.PREPARATIONS, order.orderId()), events -> events.size() == 1);
        assertThat(kafka.events(Topics.PREPARATIONS, order.orderId()))
                .singleElement()
                .isInstanceOf(OrderReady.class);
        assertThat(taken(before)).isEqualTo(Ingredients.of("coffee-beans", 2 * 27, "milk", 2 * 225));
    }

    @Test
    void finishesAnOrderWhosePreparationWasInterruptedWithoutReservingAgain() {
        // given a barista that reserved the ingredients, then crashed while brewing
        OrderPlaced order = order("Di", line("mocha", "small", 1));
        Ingredients mocha = Ingredients.of("coffee-beans", 18, "milk", 200, "chocolate", 30);
        transactions.executeWithoutResult(tx ->
                log.record(List.of(Preparation.none(order.orderId()).pickUp(order, mocha, 1, inventory::lockOnHand))));
        Map<String, Long> afterReservation = stock();

        // when the order is redelivered
        kafka.publish(order);

        // then
        assertThat(awaitOutcome(kafka, order.orderId())).isInstanceOf(OrderReady.class);
        assertThat(taken(afterReservation)).isEqualTo(Ingredients.none());
        assertThat(statusOf(order.orderId())).isEqualTo("READY");
    }

    private Map<String, Long> stock() {
        return SHELF.stream().collect(Collectors.toMap(Function.identity(), inventory::onHand));
    }

    private Ingredients taken(Map<String, Long> before) {
        Map<String, Long> now = stock();
        return Ingredients.of(
                SHELF.stream().collect(Collectors.toMap(Function.identity(), i -> before.get(i) - now.get(i))));
    }

    private String statusOf(UUID orderId) {
        return jdbc.sql("SELECT status FROM preparations WHERE order_id = ?")
                .param(orderId)
                .query(String.class)
                .single();
    }
}
