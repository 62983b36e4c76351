package dev.coffeeshop.notification.pickup;

import java.time.Instant;
import java.util.UUID;

/** One thing the customer was told about one order; at most one per order and kind. */
record Notification(
        UUID orderId,
        NotificationKind kind,
        String customerName,
        String message,
        UUID eventId,
        Instant occurredAt,
        Instant createdAt) {}
