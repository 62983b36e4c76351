package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Published by order-intake once the money of an order that could not be made, or missed its deadline, went back to
 * the customer: its authorization voided, or its captured payment refunded. {@code reason} is a
 * {@link RejectionReason} or {@link CancellationReason#DEADLINE_EXCEEDED}.
 */
public record PaymentRefunded(
        UUID eventId, UUID orderId, Instant occurredAt, String customerName, long amountCents, String reason)
        implements OrderEvent {}
