package dev.coffeeshop.notification.webhooks;

import java.time.Instant;
import java.util.UUID;

/** A notification as a webhook tells it: what the customer hears about their order. */
public record WebhookNotice(
        UUID orderId, String kind, String customerName, String message, Instant occurredAt, Instant createdAt) {}
