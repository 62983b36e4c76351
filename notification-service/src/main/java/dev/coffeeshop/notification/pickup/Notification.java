package dev.coffeeshop.notification.pickup;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One thing the customer was told about one order; at most one per order and kind. The name may be absent. */
record Notification(
        UUID orderId,
        NotificationKind kind,
        @Nullable String customerName,
        String message,
        UUID eventId,
        Instant occurredAt,
        Instant createdAt) {}
