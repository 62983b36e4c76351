package dev.coffeeshop.messaging.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The order, and the event about it, that the current thread works on, as SLF4J MDC entries {@value #ORDER_ID} and
 * {@value #EVENT_ID}: every line logged meanwhile carries them, beside the {@code traceId} and {@code spanId} that
 * Micrometer Tracing puts there. A scope puts back what was there before when it closes, so nested scopes (a payment
 * call inside a request about the same order) and pooled threads are left as they were found.
 */
public final class OrderLogContext implements AutoCloseable {

    /** The order's id, as ECS names a custom field: lower case, dotted. */
    public static final String ORDER_ID = "order.id";

    /** The CloudEvents id of the event being handled. */
    public static final String EVENT_ID = "event.id";

    /** What each key held before this scope, null for nothing. */
    private final Map<String, @Nullable String> previous;

    private OrderLogContext(Map<String, @Nullable String> entries) {
        this.previous = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            previous.put(key, MDC.get(key));
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    /** Lines logged until {@link #close()} carry {@code orderId} (none, when null). */
    public static OrderLogContext order(@Nullable Object orderId) {
        var entries = new LinkedHashMap<String, @Nullable String>();
        entries.put(ORDER_ID, orderId == null ? null : orderId.toString());
        return new OrderLogContext(entries);
    }

    /**
     * Lines logged until {@link #close()} carry {@code orderId} and {@code eventId} (each left out when null: a record
     * without CloudEvents headers is logged without them, not with a neighbour's).
     */
    public static OrderLogContext event(@Nullable Object orderId, @Nullable String eventId) {
        var entries = new LinkedHashMap<String, @Nullable String>();
        entries.put(ORDER_ID, orderId == null ? null : orderId.toString());
        entries.put(EVENT_ID, eventId);
        return new OrderLogContext(entries);
    }

    /** {@code work}, with its lines carrying {@code orderId}. */
    public static <T> T about(@Nullable Object orderId, Supplier<T> work) {
        try (var context = order(orderId)) {
            return work.get();
        }
    }

    /** {@code work}, with its lines carrying {@code orderId}. */
    public static void about(@Nullable Object orderId, Runnable work) {
        try (var context = order(orderId)) {
            work.run();
        }
    }

    /** Puts back what each key held before this scope. */
    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }
}
