package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by barista-worker when a cancellation came too late: the order is already being made, or was finished or
 * rejected before. The order goes on as if no cancellation had been asked for.
 */
public record CancellationRefused(
        UUID eventId, UUID orderId, Instant occurredAt, String customerName, CancellationReason reason, String detail)
        implements OrderEvent {}
