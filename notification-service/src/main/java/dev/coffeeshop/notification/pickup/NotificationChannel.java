package dev.coffeeshop.notification.pickup;

/** A way to reach the customer: the pickup counter's screen, a text message, a push notification. */
interface NotificationChannel {

    /** Short, stable name recorded with each delivery. */
    String name();

    /** Delivers {@code notification}; throws when it could not. */
    void deliver(Notification notification);
}
