package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/** Published by barista-worker when an order cannot be made; its reserved ingredients are already released. */
public record OrderRejected(
        UUID eventId, UUID orderId, Instant occurredAt, String customerName, RejectionReason reason, String detail)
        implements OrderEvent {}
