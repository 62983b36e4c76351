package dev.coffeeshop.notification.pickup;

/** What the customer is told, declared in the order the customer's story unfolds. */
enum NotificationKind {
    RECEIVED,
    READY_FOR_PICKUP,
    REFUNDED
}
