package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import java.util.List;

/**
 * A customer's request to buy drinks.
 *
 * @param idempotencyKey the client's key for safe retries, or null
 * @param requestHash identifies the request's content, so a reused key with another request is recognised
 */
public record PlaceOrder(
        String customerName, String paymentToken, List<LineItem> items, String idempotencyKey, String requestHash) {}
