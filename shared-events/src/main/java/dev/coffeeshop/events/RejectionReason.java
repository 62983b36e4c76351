package dev.coffeeshop.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why barista-worker could not make an order; published inside {@link OrderRejected}. */
public enum RejectionReason {
    OUT_OF_STOCK,
    EQUIPMENT_FAILURE,
    /** A reason added by a newer producer that this consumer does not know yet. */
    @JsonEnumDefaultValue
    UNKNOWN
}
