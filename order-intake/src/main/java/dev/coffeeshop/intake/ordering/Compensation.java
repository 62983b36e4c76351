package dev.coffeeshop.intake.ordering;

/** Why an order is given up and its money goes back. */
enum Compensation {
    /** The baristas could not make it. */
    REJECTED,
    /** The customer cancelled it before a barista started. */
    CANCELLED,
    /** It was not ready by its deadline. */
    DEADLINE_EXCEEDED
}
