package dev.coffeeshop.notification.pickup;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Delivers each new notification once its transaction has committed, so that a rolled-back or duplicate event never
 * reaches the customer.
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final NotificationChannel channel;
    private final Deliveries deliveries;
    private final MeterRegistry meters;
    private final Clock clock;

    Dispatcher(NotificationChannel channel, Deliveries deliveries, MeterRegistry meters, Clock clock) {
        this.channel = channel;
        this.deliveries = deliveries;
        this.meters = meters;
        this.clock = clock;
    }

    // after the commit the original transaction is finished, so the ledger entry needs a transaction of its own
    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void deliver(PickupCounter.NotificationCreated created) {
        Notification notification = created.notification();
        try {
            channel.deliver(notification);
        } catch (RuntimeException e) {
            // the notification is stored; retrying the event would be deduplicated and never deliver it
            log.warn(
                    "Could not deliver the {} notification of order {} through {}",
                    notification.kind(),
                    notification.orderId(),
                    channel.name(),
                    e);
            meters.counter(
                            "coffeeshop.notifications.failed",
                            "kind",
                            notification.kind().name())
                    .increment();
            return;
        }
        deliveries.record(notification, channel.name(), clock.instant());
        meters.counter(
                        "coffeeshop.notifications.sent",
                        "kind",
                        notification.kind().name())
                .increment();
    }
}
