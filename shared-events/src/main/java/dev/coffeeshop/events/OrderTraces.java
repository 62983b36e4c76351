package dev.coffeeshop.events;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The W3C trace context ({@code traceparent}) each order's work continues, where the work of several orders is done
 * together on one thread: a batch of consumed records applied in one transaction, a round of payment actions recorded
 * in one. No single span is current then, so whoever stores something about an order that a later step carries on
 * (an outbox row, a payment action) asks here for that order's context first, and falls back to the current span's.
 *
 * <p>Bound for the extent of {@link #within}, on the calling thread only; nested bindings hide the outer one until
 * they end.
 */
public final class OrderTraces {

    private static final ThreadLocal<Map<UUID, String>> BOUND = new ThreadLocal<>();

    private OrderTraces() {}

    /** Runs {@code work} with {@code byOrder}'s trace contexts bound. */
    public static void within(Map<UUID, String> byOrder, Runnable work) {
        Map<UUID, String> outer = BOUND.get();
        BOUND.set(Map.copyOf(byOrder));
        try {
            work.run();
        } finally {
            if (outer == null) {
                BOUND.remove();
            } else {
                BOUND.set(outer);
            }
        }
    }

    /** The trace context bound for {@code orderId}, if its work is being done in a {@link #within}. */
    public static Optional<String> of(UUID orderId) {
        Map<UUID, String> bound = BOUND.get();
        return bound == null ? Optional.empty() : Optional.ofNullable(bound.get(orderId));
    }
}
