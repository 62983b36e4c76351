package dev.coffeeshop.notification.pickup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stands in for a real channel: the log is where the barista "calls out" the customer's name. */
class LoggedNotificationChannel implements NotificationChannel {

    private static final Logger log = LoggerFactory.getLogger(LoggedNotificationChannel.class);

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(Notification notification) {
        log.info(
                "Calling {} for order {}: {}",
                notification.customerName(),
                notification.orderId(),
                notification.message());
    }
}
