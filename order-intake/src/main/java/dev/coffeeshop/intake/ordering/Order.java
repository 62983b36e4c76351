package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the customer sees it, with everything that happened to it. */
public record Order(
        UUID id,
        String customerName,
        OrderStatus status,
        List<LineItem> items,
        long totalCents,
        String currency,
        List<TimelineEntry> timeline) {

    /** One step of the order's history; {@code detail} says why, where there is a why. */
    public record TimelineEntry(String status, Instant at, String detail) {}
}
