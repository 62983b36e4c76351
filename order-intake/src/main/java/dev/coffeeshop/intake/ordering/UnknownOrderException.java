package dev.coffeeshop.intake.ordering;

import java.util.UUID;

/**
 * An outcome for an order this cashier never took. The cashier commits an order before announcing it, so no retry can
 * make it known: the record belongs in the dead-letter topic.
 */
class UnknownOrderException extends RuntimeException {

    public UnknownOrderException(UUID orderId) {
        super("outcome for unknown order " + orderId);
    }
}
