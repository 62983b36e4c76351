package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by order-intake once a customer's cancellation took effect: the baristas stopped the order and the
 * payment's authorization was voided, so the customer is never charged.
 */
public record OrderCancelled(UUID eventId, UUID orderId, Instant occurredAt, String customerName, long amountCents)
        implements OrderEvent {}
