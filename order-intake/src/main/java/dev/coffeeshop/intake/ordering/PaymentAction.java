package dev.coffeeshop.intake.ordering;

import java.util.Locale;
import java.util.UUID;

/** Work left to do at the payment provider, decided by {@link Order} and carried out by the {@link PaymentClerk}. */
enum PaymentAction {
    /** Charge the authorized amount: the order was handed over. */
    CAPTURE,
    /** Release an authorization that was never charged. */
    VOID,
    /** Give back money that was charged. */
    REFUND;

    /** The provider's idempotency key: one per order and action, so no retry ever repeats the operation. */
    String idempotencyKey(UUID orderId) {
        return name().toLowerCase(Locale.ROOT) + "-" + orderId;
    }
}
