package dev.coffeeshop.intake.ordering;

import dev.coffeeshop.events.LineItem;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A customer's request to buy drinks.
 *
 * @param owner who asks: the subject of their access token; the order is theirs alone to read and cancel
 * @param idempotencyKey the client's key for safe retries, or null; one owner's key never finds another owner's order
 * @param requestHash identifies the request's content, so a reused key with another request is recognised
 * @param callbackUrl where the customer wants the order's notifications as webhooks, or null
 */
public record PlaceOrder(
        String owner,
        String customerName,
        String paymentToken,
        List<LineItem> items,
        @Nullable String idempotencyKey,
        String requestHash,
        @Nullable String callbackUrl) {

    /** An order without a callback URL. */
    public PlaceOrder(
            String owner,
            String customerName,
            String paymentToken,
            List<LineItem> items,
            @Nullable String idempotencyKey,
            String requestHash) {
        this(owner, customerName, paymentToken, items, idempotencyKey, requestHash, null);
    }
}
