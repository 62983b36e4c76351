package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/** A fact about one order; every event is keyed by its order id and carries what its consumers need. */
public sealed interface OrderEvent
        permits OrderPlaced,
                OrderReady,
                OrderRejected,
                PaymentRefunded,
                CancellationRequested,
                PreparationCancelled,
                CancellationRefused,
                OrderCancelled {

    /** Unique per fact; consumers deduplicate on it. */
    UUID eventId();

    /** The order this fact is about; also the Kafka record key, so one order's events stay in one partition. */
    UUID orderId();

    /** When the fact happened at its source. */
    Instant occurredAt();
}
