package dev.coffeeshop.intake.ordering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What staff need to look after the saga: orders that are stuck (not final and unchanged for a while), payment
 * actions parked after failing too often, and a retry of those.
 */
@Service
public class Backoffice {

    private final Orders orders;
    private final PaymentActions actions;
    private final Cashier cashier;
    private final Clock clock;

    Backoffice(Orders orders, PaymentActions actions, Cashier cashier, Clock clock) {
        this.orders = orders;
        this.actions = actions;
        this.cashier = cashier;
        this.clock = clock;
    }

    /** An order's standing with its payment actions; {@code age} is the time since it last changed. */
    public record StuckOrder(
            UUID id,
            OrderStatus status,
            PaymentStatus payment,
            String compensation,
            Instant placedAt,
            Instant updatedAt,
            Duration age,
            Instant deadline,
            List<ActionView> paymentActions) {}

    /** A capture, void or refund and how its attempts went. */
    public record ActionView(
            String action, String status, int attempts, Instant nextAttemptAt, String lastError, Instant updatedAt) {}

    /**
     * Orders in one of {@code statuses} (every non-final status when empty) unchanged for at least {@code olderThan},
     * the longest unchanged first.
     */
    public List<StuckOrder> stuck(List<OrderStatus> statuses, Duration olderThan, int limit) {
        List<OrderStatus> wanted = statuses.isEmpty()
                ? List.of(OrderStatus.PLACED, OrderStatus.CANCEL_REQUESTED, OrderStatus.COMPENSATING)
                : statuses;
        Instant now = clock.instant();
        return orders.unchangedSince(wanted, now.minus(olderThan), limit).stream()
                .map(order -> view(order, now))
                .toList();
    }

    /** Orders with a payment action parked for an operator, the longest waiting first. */
    public List<StuckOrder> parked(int limit) {
        Instant now = clock.instant();
        return actions.parked(limit).stream()
                .map(PaymentActions.View::orderId)
                .distinct()
                .flatMap(id -> orders.standing(id).stream())
                .map(order -> view(order, now))
                .toList();
    }

    /**
     * Makes an order's parked payment actions due again, with a fresh count of attempts.
     *
     * @return how many actions were parked and are now due
     */
    public int retryParked(UUID orderId) {
        return cashier.retryParkedPayment(orderId);
    }

    private StuckOrder view(Orders.Standing order, Instant now) {
        return new StuckOrder(
                order.id(),
                order.status(),
                order.payment(),
                order.compensation(),
                order.placedAt(),
                order.updatedAt(),
                Duration.between(order.updatedAt(), now),
                order.deadline(),
                actions.ofOrder(order.id()).stream()
                        .map(a -> new ActionView(
                                a.action().name(),
                                a.status().name(),
                                a.attempts(),
                                a.nextAttemptAt(),
                                a.lastError(),
                                a.updatedAt()))
                        .toList());
    }
}
