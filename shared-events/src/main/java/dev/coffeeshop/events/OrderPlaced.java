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
 * @param customer whose order it is: the subject of the access token it was placed with, so that every service shows
 *     the order and what it says about it to its owner (and staff) only; null in orders placed before owners were
 *     kept. Added to v1 additively, as the callback URL
 */
public record OrderPlaced(
        UUID eventId,
        UUID orderId,
        Instant occurredAt,
        String customerName,
        List<LineItem> items,
        long totalCents,
        String currency,
        @JsonInclude(JsonInclude.Include.NON_NULL) String callbackUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) String customer)
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
        this(eventId, orderId, occurredAt, customerName, items, totalCents, currency, null, null);
    }

    /** An order of no known customer, with a callback URL or not. */
    public OrderPlaced(
            UUID eventId,
            UUID orderId,
            Instant occurredAt,
            String customerName,
            List<LineItem> items,
            long totalCents,
            String currency,
            String callbackUrl) {
        this(eventId, orderId, occurredAt, customerName, items, totalCents, currency, callbackUrl, null);
    }
}
