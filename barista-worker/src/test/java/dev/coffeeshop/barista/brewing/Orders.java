package dev.coffeeshop.barista.brewing;

import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.CancellationReason;
import dev.coffeeshop.events.CancellationRequested;
import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders and cancellations as order-intake publishes them, and the barista's answers on the preparations topic. */
final class Orders {

    private Orders() {}

    static OrderPlaced order(String customer, LineItem... items) {
        return new OrderPlaced(
                UUID.randomUUID(), UUID.randomUUID(), Instant.now(), customer, List.of(items), 1000, "EUR");
    }

    /** The cashier's request to stop {@code order}, for {@code reason}, under a new event id. */
    static CancellationRequested cancellationOf(OrderPlaced order, CancellationReason reason) {
        return new CancellationRequested(
                UUID.randomUUID(), order.orderId(), Instant.now(), order.customerName(), reason);
    }

    static LineItem line(String drink, String size, int quantity, String... options) {
        return new LineItem(drink, size, quantity, List.of(options));
    }

    /** Waits until the first event of {@code orderId} arrives on the preparations topic and returns it. */
    static OrderEvent awaitOutcome(TestKafka kafka, UUID orderId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.events(Topics.PREPARATIONS, orderId), events -> !events.isEmpty())
                .getFirst();
    }
}
