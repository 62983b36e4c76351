package dev.coffeeshop.barista.brewing;

import static org.awaitility.Awaitility.await;

import dev.coffeeshop.events.LineItem;
import dev.coffeeshop.events.OrderEvent;
import dev.coffeeshop.events.OrderPlaced;
import dev.coffeeshop.events.Topics;
import dev.coffeeshop.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders as order-intake would place them, and the barista's answer to them on the preparations topic. */
final class Orders {

    private Orders() {}

    static OrderPlaced order(String customer, LineItem... items) {
        return new OrderPlaced(
                UUID.randomUUID(), UUID.randomUUID(), Instant.now(), customer, List.of(items), 1000, "EUR");
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
