package dev.coffeeshop.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CloudEvents {@code type} of each event and the topic it travels on. The version suffix changes only for an
 * incompatible change; additive changes keep it, because consumers ignore fields they do not know.
 */
public enum EventType {
    ORDER_PLACED("coffeeshop.order.placed.v1", OrderPlaced.class, Topics.ORDERS),
    PAYMENT_REFUNDED("coffeeshop.payment.refunded.v1", PaymentRefunded.class, Topics.ORDERS),
    ORDER_CANCELLED("coffeeshop.order.cancelled.v1", OrderCancelled.class, Topics.ORDERS),
    ORDER_READY("coffeeshop.order.ready.v1", OrderReady.class, Topics.PREPARATIONS),
    ORDER_REJECTED("coffeeshop.order.rejected.v1", OrderRejected.class, Topics.PREPARATIONS),
    PREPARATION_CANCELLED("coffeeshop.preparation.cancelled.v1", PreparationCancelled.class, Topics.PREPARATIONS),
    CANCELLATION_REFUSED("coffeeshop.cancellation.refused.v1", CancellationRefused.class, Topics.PREPARATIONS),
    CANCELLATION_REQUESTED("coffeeshop.cancellation.requested.v1", CancellationRequested.class, Topics.CANCELLATIONS);

    private final String ceType;
    private final Class<? extends OrderEvent> javaType;
    private final String topic;

    EventType(String ceType, Class<? extends OrderEvent> javaType, String topic) {
        this.ceType = ceType;
        this.javaType = javaType;
        this.topic = topic;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends OrderEvent> javaType() {
        return javaType;
    }

    public String topic() {
        return topic;
    }

    public static EventType of(OrderEvent event) {
        return switch (event) {
            case OrderPlaced e -> ORDER_PLACED;
            case PaymentRefunded e -> PAYMENT_REFUNDED;
            case OrderReady e -> ORDER_READY;
            case OrderRejected e -> ORDER_REJECTED;
            case OrderCancelled e -> ORDER_CANCELLED;
            case PreparationCancelled e -> PREPARATION_CANCELLED;
            case CancellationRefused e -> CANCELLATION_REFUSED;
            case CancellationRequested e -> CANCELLATION_REQUESTED;
        };
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType.equals(ceType)).findFirst();
    }
}
