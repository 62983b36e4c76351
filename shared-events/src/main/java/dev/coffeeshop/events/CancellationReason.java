package dev.coffeeshop.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why order-intake asked the baristas to stop an order; carried by the cancellation events. */
public enum CancellationReason {
    /** The customer asked to cancel. */
    CUSTOMER,
    /** The order was not ready within its deadline; the shop gave up on it and gave the money back. */
    DEADLINE_EXCEEDED,
    /** A reason added by a newer producer that this consumer does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
