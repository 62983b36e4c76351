package dev.coffeeshop.notification.pickup;

/** What the customer is told, declared in the order the customer's story unfolds. */
enum NotificationKind {
    RECEIVED,
    /** The customer asked to cancel too late: the order is being made and will be ready. */
    CANCELLATION_REFUSED,
    READY_FOR_PICKUP,
    /** The customer's cancellation took effect before anything was charged. */
    CANCELLED,
    REFUNDED
}
