package dev.coffeeshop.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published by order-intake when an order is paid for (payment authorized) and accepted for preparation. */
public record OrderPlaced(
        UUID eventId,
        UUID orderId,
        Instant occurredAt,
        String customerName,
        List<LineItem> items,
        long totalCents,
        String currency)
        implements OrderEvent {

    public OrderPlaced {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
