package dev.coffeeshop.events;

import java.time.Instant;
import java.util.UUID;

/** Published by barista-worker when every drink of an order is made and waiting at the pickup counter. */
public record OrderReady(UUID eventId, UUID orderId, Instant occurredAt, String customerName) implements OrderEvent {}
