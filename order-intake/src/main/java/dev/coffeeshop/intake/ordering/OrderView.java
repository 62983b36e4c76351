package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order as the customer sees it, with everything that happened to it.
 *
 * @param owner whose order it is (the subject it was placed by); null for an order placed before owners were kept
 * @param deadline if the order is not ready by then, the shop gives up on it and the money goes back
 */
public record OrderView(
        UUID id,
        @Nullable String owner,
        String customerName,
        OrderStatus status,
        PaymentStatus payment,
        List<LineItem> items,
        long totalCents,
        String currency,
        Instant deadline,
        List<Step> timeline) {

    /** Whether {@code caller} may see this order: its owner, or staff. */
    public boolean visibleTo(Caller caller) {
        return caller.staff() || (owner != null && owner.equals(caller.subject()));
    }

    /** One step of the order's history (a {@code TimelineStep}); {@code detail} says why, where there is a why. */
    public record Step(String status, Instant at, @Nullable String detail) {}
}
