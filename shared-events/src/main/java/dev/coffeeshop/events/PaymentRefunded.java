package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/** Published by order-intake once the payment of an order that could not be made has been refunded. */
public record PaymentRefunded(
        UUID eventId, UUID orderId, Instant occurredAt, String customerName, long amountCents, String reason)
        implements OrderEvent {}
