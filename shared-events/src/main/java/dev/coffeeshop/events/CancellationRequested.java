package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by order-intake on {@link Topics#CANCELLATIONS} when a customer asks to cancel an order, or when the order
 * missed its deadline and the shop abandons it. The baristas answer with {@link PreparationCancelled} or
 * {@link CancellationRefused}; it may reach them before the order itself.
 */
public record CancellationRequested(
        UUID eventId, UUID orderId, Instant occurredAt, String customerName, CancellationReason reason)
        implements OrderEvent {}
