package dev.coffeeshop.intake.ordering;

import java.util.UUID;

/** No order with this id; also what another customer's order looks like. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(UUID id) {
        super("No order " + id + ".");
    }
}
