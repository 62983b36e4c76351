package dev.coffeeshop.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published by order-intake when an order is paid for (payment authorized) and accepted for preparation.
 *
 * @param callbackUrl where the customer wants to hear about the order as signed webhooks, or null; added to v1
 *     additively (a consumer that does not know it ignores it, a producer that has none leaves it out)
 */
public record OrderPlaced(
        UUID eventId,
        UUID orderId,
        Instant occurredAt,
        String customerName,
        List<LineItem> items,
        long totalCents,
        String currency,
        @JsonInclude(JsonInclude.Include.NON_NULL) String callbackUrl)
        implements OrderEvent {

    public OrderPlaced {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** An order without a callback URL. */
    public OrderPlaced(
            UUID eventId,
            UUID orderId,
            Instant occurredAt,
            String customerName,
            List<LineItem> items,
            long totalCents,
            String currency) {
        this(eventId, orderId, occurredAt, customerName, items, totalCents, currency, null);
    }
}
