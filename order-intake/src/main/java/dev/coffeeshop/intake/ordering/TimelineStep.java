package dev.coffeeshop.intake.ordering;

/**
 * One step of an order's history as {@code GET /orders/{id}} shows it. Steps name what happened, which is more than the
 * status it led to: an order goes {@code COMPENSATING} after {@link #REJECTED}, {@link #CANCELLATION_ACCEPTED} or
 * {@link #DEADLINE_EXCEEDED}, and a {@link #WRITTEN_OFF} drink changes no status at all.
 */
enum TimelineStep {
    PLACED,
    CANCEL_REQUESTED,
    /** The baristas had started: too late to cancel, the order goes on. */
    CANCELLATION_REFUSED,
    /** The baristas stopped the order before starting it. */
    CANCELLATION_ACCEPTED,
    READY,
    /** The baristas cannot make it. */
    REJECTED,
    DEADLINE_EXCEEDED,
    REFUNDED,
    CANCELLED,
    /** A drink made after its order was given up: counted, never charged. */
    WRITTEN_OFF
}
