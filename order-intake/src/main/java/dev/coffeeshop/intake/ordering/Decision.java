package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.OrderEvent;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Order} makes of one fact. Deciding changes nothing: the cashier writes a {@link Change} in the
 * transaction that holds the order, answers a {@link Refused} to the customer, and only logs an {@link Unchanged}.
 */
sealed interface Decision {

    Order order();

    default UUID orderId() {
        return order().id();
    }

    /**
     * The order becomes {@code order} (from {@code before}; null for a new order), and in the same transaction its
     * timeline gets {@code entry}, the provider is given {@code action}, and {@code events} are published.
     */
    record Change(
            @Nullable Order before,
            Order order,
            @Nullable TimelineEntry entry,
            @Nullable PaymentAction action,
            List<OrderEvent> events)
            implements Decision {

        public Change {
            events = List.copyOf(events);
        }

        boolean movesStatus() {
            return before == null || before.status() != order.status();
        }
    }

    /** Nothing changes: the fact came too late, or repeats what the order already knows; {@code why} says which. */
    record Unchanged(Order order, String why) implements Decision {}

    /** The customer asked for something the order's status no longer allows; {@code why} tells them. */
    record Refused(Order order, String why) implements Decision {}
}
