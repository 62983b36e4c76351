package dev.coffeeshop.intake.ordering;

import java.util.UUID;

/** The order is made, or was given up for another reason: there is nothing left to cancel. */
public class OrderNotCancellableException extends RuntimeException {

    private final OrderStatus status;

    public OrderNotCancellableException(UUID id, OrderStatus status) {
        super("Order " + id + " is " + status + " and can no longer be cancelled.");
        this.status = status;
    }

    public OrderStatus status() {
        return status;
    }
}
