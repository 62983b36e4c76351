package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by barista-worker when it stopped an order before any drink of it was started: the order will never be
 * made and whatever was reserved for it is back in stock.
 */
public record PreparationCancelled(
        UUID eventId, UUID orderId, Instant occurredAt, String customerName, CancellationReason reason)
        implements OrderEvent {}
