package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A customer's request to buy drinks.
 *
 * @param idempotencyKey the client's key for safe retries, or null
 * @param requestHash identifies the request's content, so a reused key with another request is recognised
 * @param callbackUrl where the customer wants the order's notifications as webhooks, or null
 */
public record PlaceOrder(
        String customerName,
        String paymentToken,
        List<LineItem> items,
        @Nullable String idempotencyKey,
        String requestHash,
        @Nullable String callbackUrl) {

    /** An order without a callback URL. */
    public PlaceOrder(
            String customerName,
            String paymentToken,
            List<LineItem> items,
            @Nullable String idempotencyKey,
            String requestHash) {
        this(customerName, paymentToken, items, idempotencyKey, requestHash, null);
    }
}
