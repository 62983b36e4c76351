package dev.coffeeshop.notification.webhooks;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A notification as a webhook tells it: what the customer hears about their order. */
public record WebhookNotice(
        UUID orderId,
        String kind,
        @Nullable String customerName,
        String message,
        Instant occurredAt,
        Instant createdAt) {}
