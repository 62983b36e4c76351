package dev.coffeeshop.intake.ordering;

import java.util.Set;

/** Where an order stands from the customer's point of view. Transitions only move forward. */
public enum OrderStatus {
    /** Paid for and waiting for a barista. */
    PLACED,
    /** Made and waiting at the counter. Final. */
    READY,
    /** Could not be made; the money went back. Final. */
    REFUNDED;

    public boolean isFinal() {
        return this != PLACED;
    }

    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PLACED -> Set.of(READY, REFUNDED).contains(next);
            case READY, REFUNDED -> false;
        };
    }
}
