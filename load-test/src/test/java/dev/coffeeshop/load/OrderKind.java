package dev.coffeeshop.load;

import java.util.List;

/** What a simulated customer does, and how their order must end. */
enum OrderKind {
    /** Assorted drinks, a card that pays: made. */
    ORDINARY(List.of("READY")),
    /** Sent twice with the same Idempotency-Key, as a client does after a timeout: one order, made. */
    RETRIED(List.of("READY")),
    /**
     * Cancelled right after it was placed: cancelled, or made if a barista was quicker (the cancel then answers 409
     * and only READY will do).
     */
    CANCELLED(List.of("CANCELLED", "READY")),
    /** Includes the sold-out seasonal drink: accepted, then refused by the baristas and the money given back. */
    SOLD_OUT(List.of("REFUNDED")),
    /** A card the provider declines: refused at the till with 402, nothing stored, nothing to follow. */
    DECLINED(List.of());

    private final List<String> ends;

    OrderKind(List<String> ends) {
        this.ends = ends;
    }

    /** The statuses this order may end in; empty when no order is created. */
    List<String> ends() {
        return ends;
    }
}
