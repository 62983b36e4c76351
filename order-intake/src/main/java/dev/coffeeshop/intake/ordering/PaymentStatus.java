package dev.coffeeshop.intake.ordering;

/** The payment provider's side of an order; it changes only once the provider has confirmed the operation. */
public enum PaymentStatus {
    /** The amount is reserved on the customer's card; nothing is charged yet. */
    AUTHORIZED,
    /** Charged. */
    CAPTURED,
    /** The reservation was released; the customer was never charged. */
    VOIDED,
    /** Charged, then given back. */
    REFUNDED
}
