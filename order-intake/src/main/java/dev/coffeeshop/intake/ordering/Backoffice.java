package dev.coffeeshop.intake.ordering;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
            @Nullable String compensation,
            Instant placedAt,
            Instant updatedAt,
            Duration age,
            Instant deadline,
            List<ActionView> paymentActions) {}

    /** A capture, void or refund and how its attempts went. */
    public record ActionView(
            String action,
            String status,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String lastError,
            Instant updatedAt) {}

    /**
     * Orders in one of {@code statuses} (every non-final status when empty) unchanged for at least {@code olderThan},
     * the longest unchanged first.
     */
    public List<StuckOrder> stuck(List<OrderStatus> statuses, Duration olderThan, int limit) {
        List<OrderStatus> wanted = statuses.isEmpty() ? OrderStatus.unfinished() : statuses;
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

    /**
     * The timelines an order can have, as the cashier's own rules produce them ({@link Saga}): a graph of situations
     * whose edges are timeline steps, starting at {@code start}. Tools that judge real orders' timelines, such as the
     * fault-injection suite, walk it instead of keeping a copy of the rules.
     */
    public SagaMap saga() {
        return new SagaMap(
                Saga.START,
                Saga.timelines().stream()
                        .map(step -> new SagaMap.Step(step.from(), step.step(), step.to()))
                        .toList(),
                Arrays.stream(OrderStatus.values())
                        .filter(OrderStatus::isFinal)
                        .map(Enum::name)
                        .toList());
    }

    /** The graph of an order's timelines; {@code from} and {@code to} name situations of the saga. */
    public record SagaMap(String start, List<Step> steps, List<String> finalStatuses) {

        /** In situation {@code from}, the timeline step {@code step} leads to situation {@code to}. */
        public record Step(String from, String step, String to) {}
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
